using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text.RegularExpressions;
using SuperConvergence.Cli.Commands;
using Xunit;

namespace SuperConvergence.Cli.Tests.Kubernetes;

/// <summary>
/// docs/cluster.md's "Configuration contract" lists every setting a silo reads — each flag of `sc silo` with its
/// default, each environment variable of `sc` — and nothing else; the manifests tests hold the manifests to the same
/// code (ManifestChecks.CommandLineProblems, EnvironmentProblems).
/// </summary>
public sealed partial class ConfigurationContractTests
{
    private const string Document = "docs/cluster.md";
    private const string Heading = "## Configuration contract";

    [Fact]
    public void The_table_lists_every_flag_of_sc_silo_with_its_default_and_no_other()
    {
        var command = SiloCommand.Create(new CliConsole(TextWriter.Null, TextWriter.Null, IsTerminal: false));
        var code = command.Options.Where(o => o is not HelpOption && o.Name.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(o => o.Name, o => o.HasDefaultValue ? Format(o.GetDefaultValue()) : "—", StringComparer.Ordinal);
        var documented = Rows().Where(r => r.Setting.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(r => r.Setting, r => r.Default, StringComparer.Ordinal);

        Assert.Equal(code.OrderBy(p => p.Key, StringComparer.Ordinal), documented.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(Rows().Where(r => r.Setting.StartsWith("--", StringComparison.Ordinal)), r => Assert.Equal("sc silo", r.ReadBy));
    }

    [Fact]
    public void The_table_lists_every_environment_variable_sc_reads_and_no_other()
    {
        var documented = Rows().Where(r => !r.Setting.StartsWith("--", StringComparison.Ordinal)).Select(r => (r.Setting, r.ReadBy));

        Assert.Equal(
            ScEnvironment.Variables.Select(v => (v.Name, v.ReadBy)).Order(),
            documented.Order());
    }

    /// <summary>
    /// <see cref="ScEnvironment"/> is the code's list, but a variable read elsewhere would escape it: every
    /// GetEnvironmentVariable call in src/ reads one of its constants.
    /// </summary>
    [Fact]
    public void Every_variable_the_source_reads_is_in_the_list()
    {
        var listed = ScEnvironment.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(Path.Combine(Repository.Root(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllText);
        var constants = files.Values.SelectMany(text => VariableConstant().Matches(text))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        var reads = files.SelectMany(file => EnvironmentRead().Matches(file.Value).Select(m => (File: Path.GetFileName(file.Key), Argument: m.Groups["argument"].Value.Trim()))).ToList();

        Assert.NotEmpty(reads);
        Assert.All(constants, constant => Assert.Contains(constant.Value, listed));
        Assert.All(reads, read =>
        {
            var variable = read.Argument.StartsWith('"') ? read.Argument.Trim('"') : constants.GetValueOrDefault(read.Argument.Split('.')[^1]);
            Assert.True(variable is not null && listed.Contains(variable), $"{read.File}: GetEnvironmentVariable({read.Argument}) reads a variable ScEnvironment does not list");
        });
    }

    private static IEnumerable<(string Setting, string ReadBy, string Default)> Rows()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root(), Document)).ReplaceLineEndings("\n");
        var start = text.IndexOf(Heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Document} has no section '{Heading}'");
        var end = text.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        var rows = text[start..(end < 0 ? text.Length : end)].Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .Select(cells => (cells[0].Trim('`'), cells[1], cells[2].Trim('`')))
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    private static string Format(object? value) => value switch
    {
        null => "—",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "—",
    };

    [GeneratedRegex(@"const\s+string\s+(?<name>\w*Variable\w*)\s*=\s*""(?<value>[^""]+)""")]
    private static partial Regex VariableConstant();

    [GeneratedRegex(@"GetEnvironmentVariable\((?<argument>[^)]*)\)")]
    private static partial Regex EnvironmentRead();
}
