using System.Reflection;

namespace Reintegration.Analytics.Persistence.Migrations;

/// <summary>The embedded migration scripts of a backend, in version order.</summary>
public static class MigrationCatalog
{
    public static IReadOnlyList<Migration> For(DatabaseBackend backend)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"migrations/{backend.FolderName()}/";
        var migrations = assembly.GetManifestResourceNames()
            .Select(name => name.Replace('\\', '/'))
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = Path.GetFileNameWithoutExtension(name[prefix.Length..]);
                var separator = file.IndexOf('_');
                if (separator <= 0 || !int.TryParse(file[..separator], out var version))
                    throw new InvalidOperationException($"Migration '{name}' is not named NNNN_description.sql");
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new Migration(version, file[(separator + 1)..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two {backend} migrations have version {duplicate.Key}");
        return migrations;
    }
}
