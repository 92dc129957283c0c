namespace Reintegration.Analytics.Persistence.Migrations;

/// <summary>One versioned schema change, a SQL script shipped in the assembly (Migrations/{backend}/NNNN_name.sql).</summary>
public sealed record Migration(int Version, string Name, string Sql);
