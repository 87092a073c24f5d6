using System.Reflection;
using System.Text.RegularExpressions;

namespace SuperConvergence.Silo.Persistence.Migrations;

/// <summary>The schema scripts embedded in this assembly (Persistence/Sql/{postgresql,sqlite}/NNNN_name.sql).</summary>
public static partial class SchemaScripts
{
    internal const string ResourcePrefix = "SuperConvergence.Silo.Sql/";

    private static readonly Lazy<IReadOnlyList<SchemaScript>> Postgres = new(() => Load("postgresql"));
    private static readonly Lazy<IReadOnlyList<SchemaScript>> Sqlite = new(() => Load("sqlite"));

    /// <summary>The dialect's scripts in ascending version order.</summary>
    public static IReadOnlyList<SchemaScript> For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => Postgres.Value,
        DatabaseProvider.Sqlite => Sqlite.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider"),
    };

    /// <summary>The folder under Persistence/Sql that holds a dialect's scripts.</summary>
    public static string FolderName(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "postgresql" : "sqlite";

    private static List<SchemaScript> Load(string dialect)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"{ResourcePrefix}{dialect}/";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            var match = ScriptFileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"schema script '{resource}': name must look like 0001_lower_case_name.sql");
            }

            scripts.Add(new SchemaScript(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                Read(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"schema scripts for {dialect}: version {duplicate.Key} is used by {string.Join(" and ", duplicate)}");
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"schema script '{resource}' is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptFileName();
}
