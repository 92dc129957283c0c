using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.1: ISO 3166-1 alpha-3 countries and the country → region map.</summary>
public class RegionMapTests
{
    /// <summary>The 249 ISO 3166-1 alpha-3 codes, written out independently of the shipped countries.csv.</summary>
    private const string IsoCodes =
        "AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE";

    public static readonly string[] Iso3 = IsoCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>SPEC §2.1: the ISO list plus Kosovo's user-assigned code, in SEECA.</summary>
    public static readonly string[] Known = [.. Iso3, "XKX"];

    private static readonly string[] NineRegions = ["WCA", "EHOA", "SAF", "MENA", "ASP", "EEA", "SEECA", "CNAC", "SAM"];

    [Fact]
    public void The_reference_list_has_exactly_the_249_ISO_codes()
    {
        Assert.Equal(249, Iso3.Length);
        Assert.Equal(249, Iso3.Distinct().Count());
        Assert.Equal(Known.Order(StringComparer.Ordinal), Countries.All.Select(c => c.Iso3).Order(StringComparer.Ordinal));
        Assert.All(Known, code => Assert.True(Countries.IsKnown(code), code));
    }

    [Fact]
    public void Kosovo_is_a_known_country_in_SEECA()
    {
        Assert.True(Countries.IsKnown("XKX"));
        Assert.Equal("SEECA", RegionMap.Default.RegionOf("XKX"));
        Assert.Equal("Kosovo", Countries.Find("XKX")!.Name);
        Assert.Equal("SEECA", RegionMap.FromCsv("XKX,SEECA", "kosovo.csv").RegionOf("XKX"));
    }

    [Fact]
    public void Every_ISO_country_maps_to_one_of_the_nine_regions()
    {
        Assert.All(Known, code => Assert.Contains(RegionMap.Default.RegionOf(code), NineRegions));
        Assert.All(Countries.All, c => Assert.Equal(c.Region, RegionMap.Default.RegionOf(c.Iso3)));
    }

    [Fact]
    public void Every_region_of_the_default_map_has_countries_and_the_countries_partition()
    {
        Assert.Equal(NineRegions, RegionMap.DefaultRegions);
        var byRegion = NineRegions.ToDictionary(r => r, r => RegionMap.Default.CountriesOf(r).ToList());
        Assert.All(byRegion, r => Assert.NotEmpty(r.Value));
        Assert.Equal(250, byRegion.Values.Sum(l => l.Count));
        Assert.Empty(RegionMap.Default.CountriesOf(RegionMap.Unassigned));
    }

    [Theory]
    [InlineData("SEN", "WCA")]
    [InlineData("NGA", "WCA")]
    [InlineData("GIN", "WCA")]
    [InlineData("ETH", "EHOA")]
    [InlineData("SOM", "EHOA")]
    [InlineData("ZAF", "SAF")]
    [InlineData("IRQ", "MENA")]
    [InlineData("EGY", "MENA")]
    [InlineData("AFG", "ASP")]
    [InlineData("BGD", "ASP")]
    [InlineData("DEU", "EEA")]
    [InlineData("ITA", "EEA")]
    [InlineData("UKR", "SEECA")]
    [InlineData("TUR", "SEECA")]
    [InlineData("MEX", "CNAC")]
    [InlineData("USA", "CNAC")]
    [InlineData("HTI", "CNAC")]
    [InlineData("BRA", "SAM")]
    [InlineData("VEN", "SAM")]
    public void Known_countries_are_in_their_regional_office_area(string country, string region) =>
        Assert.Equal(region, RegionMap.Default.RegionOf(country));

    [Fact]
    public void Default_regions_are_the_nine_plus_unassigned()
    {
        Assert.Equal(NineRegions.Append(RegionMap.Unassigned).Order(StringComparer.Ordinal), RegionMap.Default.Regions);
        Assert.All(NineRegions, r => Assert.True(RegionMap.Default.IsRegion(r)));
        Assert.False(RegionMap.Default.IsRegion("wca"));
        Assert.False(RegionMap.Default.IsRegion("EUROPE"));
    }

    [Fact]
    public void Unknown_country_is_unassigned()
    {
        Assert.Equal(RegionMap.Unassigned, RegionMap.Default.RegionOf("XXX"));
        Assert.Equal("UNASSIGNED", RegionMap.Unassigned);
    }

    // ---------------------------------------------------------------- custom maps

    [Fact]
    public void Custom_map_assigns_listed_countries_and_puts_the_rest_in_UNASSIGNED()
    {
        var map = RegionMap.FromCsv("iso3,region\nSEN,sahel\nMLI,SAHEL\n# comment\n\nETH,Horn\n", "custom.csv");

        Assert.Equal("SAHEL", map.RegionOf("SEN")); // region names are upper-cased
        Assert.Equal("SAHEL", map.RegionOf("MLI"));
        Assert.Equal("HORN", map.RegionOf("ETH"));
        Assert.Equal(RegionMap.Unassigned, map.RegionOf("DEU"));
        Assert.Equal(RegionMap.Unassigned, map.RegionOf("NGA"));

        Assert.Equal(["HORN", "SAHEL", RegionMap.Unassigned], map.Regions);
        Assert.Equal(["MLI", "SEN"], map.CountriesOf("SAHEL").Order(StringComparer.Ordinal));
        Assert.Equal(250 - 3, map.CountriesOf(RegionMap.Unassigned).Count());
    }

    [Fact]
    public void Custom_map_accepts_windows_line_endings_and_names()
    {
        var map = RegionMap.FromCsv("SEN,WCA,Senegal\r\nETH,EHOA,\"Ethiopia\"\r\n", "crlf.csv");
        Assert.Equal("WCA", map.RegionOf("SEN"));
        Assert.Equal("EHOA", map.RegionOf("ETH"));
    }

    [Theory]
    [InlineData("XXX,WCA", "XXX")]
    [InlineData("SEN,WCA\nsen,WCA", "sen")]
    [InlineData("SEN,WCA\nSN,WCA", "SN")]
    [InlineData("SEN,WCA\nSENE,WCA", "SENE")]
    public void Custom_map_rejects_codes_that_are_not_ISO(string csv, string badCode)
    {
        var e = Assert.Throws<FormatException>(() => RegionMap.FromCsv(csv, "bad-map.csv"));
        Assert.Contains("bad-map.csv", e.Message);
        Assert.Contains(badCode, e.Message);
    }

    [Fact]
    public void Custom_map_rejects_a_line_without_region()
    {
        var e = Assert.Throws<FormatException>(() => RegionMap.FromCsv("SEN,WCA\nMLI\n", "short.csv"));
        Assert.Contains("short.csv line 2", e.Message);
    }

    [Fact]
    public void Custom_map_naming_a_country_twice_is_rejected_as_a_format_error_naming_the_source()
    {
        // A country belongs to exactly one region; a map that lists it twice is a broken file and
        // should be reported like every other broken line (FormatException naming the file and code).
        var e = Assert.Throws<FormatException>(() => RegionMap.FromCsv("SEN,WCA\nMLI,WCA\nSEN,EHOA\n", "twice.csv"));
        Assert.Contains("twice.csv", e.Message);
        Assert.Contains("SEN", e.Message);
    }

    // ---------------------------------------------------------------- Countries.IsKnown

    [Theory]
    [InlineData("SEN")]
    [InlineData("ETH")]
    [InlineData("SSD")]
    [InlineData("CUW")]
    [InlineData("ALA")]
    [InlineData("XKX")]
    public void IsKnown_accepts_ISO_codes(string code) => Assert.True(Countries.IsKnown(code));

    [Theory]
    [InlineData("sen")]
    [InlineData("Sen")]
    [InlineData("SN")]
    [InlineData("SENE")]
    [InlineData(" SEN")]
    [InlineData("SEN ")]
    [InlineData("XXX")]
    [InlineData("XKA")]
    [InlineData("ANT")] // Netherlands Antilles, withdrawn from ISO 3166-1 in 2010
    [InlineData("")]
    [InlineData(null)]
    public void IsKnown_rejects_lower_case_and_unknown_codes(string? code) => Assert.False(Countries.IsKnown(code));

    [Fact]
    public void Find_returns_name_and_region()
    {
        var senegal = Countries.Find("SEN");
        Assert.NotNull(senegal);
        Assert.Equal("Senegal", senegal.Name);
        Assert.Equal("WCA", senegal.Region);
        Assert.Null(Countries.Find("sen"));
    }
}
