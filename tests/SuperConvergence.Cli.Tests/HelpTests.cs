using System.CommandLine;

namespace SuperConvergence.Cli.Tests;

/// <summary>
/// Every command's --help, group or leaf, shows examples; every example parses as written and names only files the
/// repository has.
/// </summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var path in Walk(CliApp.BuildRoot(Quiet()), []))
        {
            data.Add(string.Join(' ', path));
        }

        return data;
    }

    [Fact]
    public void The_walk_reaches_groups_and_leaves()
    {
        var commands = Commands().Select(row => row.Data).ToList();

        Assert.Contains("", commands);
        Assert.Contains("sweep", commands);
        Assert.Contains("sweep run", commands);
        Assert.Contains("schedule onecycle", commands);
        Assert.Contains("rangetest analyze", commands);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_shows_examples_that_parse(string command)
    {
        string[] path = command.Length == 0 ? [] : command.Split(' ');

        var outcome = await CliRunner.RunAsync([.. path, "--help"]);

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        var examples = Examples(outcome.Out);
        Assert.True(examples.Count > 0, $"sc {command} --help shows no example:\n{outcome.Out}");
        foreach (var example in examples)
        {
            var tokens = Tokens(example);
            Assert.True(tokens.Take(path.Length).SequenceEqual(path), $"the example '{example}' is not of sc {command}");
            var parse = CliApp.BuildRoot(Quiet()).Parse(tokens);
            Assert.True(parse.Errors.Count == 0, $"'{example}': {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            foreach (var file in tokens.Where(t => t.StartsWith("examples/", StringComparison.Ordinal)))
            {
                Assert.True(File.Exists(Path.Combine(Repository.Root(), file)), $"'{example}' names {file}, which does not exist");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_examples_put_no_password_on_the_command_line(string command)
    {
        string[] path = command.Length == 0 ? [] : command.Split(' ');

        var outcome = await CliRunner.RunAsync([.. path, "--help"]);

        // Arguments are visible to every user of the machine (ps); the connection string comes from $SC_POSTGRES.
        Assert.DoesNotMatch("(?i)(password|pwd)=", outcome.Out);
    }

    private static IEnumerable<string[]> Walk(Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands)
        {
            foreach (var below in Walk(sub, [.. path, sub.Name]))
            {
                yield return below;
            }
        }
    }

    /// <summary>The lines under "Example:" / "Examples:" that run sc, without the "sc ".</summary>
    private static List<string> Examples(string help)
    {
        var examples = new List<string>();
        var inExamples = false;
        foreach (var line in help.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("Example", StringComparison.Ordinal) && line.EndsWith(':'))
            {
                inExamples = true;
            }
            else if (inExamples && line.StartsWith("sc ", StringComparison.Ordinal))
            {
                examples.Add(line[3..]);
            }
            else if (line.Length == 0 || line.EndsWith(':'))
            {
                inExamples = false;
            }
        }

        return examples;
    }

    /// <summary>
    /// Splits as a shell would for these examples: double quotes group, a redirection ends the command, and a gap of
    /// spaces before "(" starts a remark.
    /// </summary>
    private static string[] Tokens(string commandLine)
    {
        var remark = commandLine.IndexOf("  (", StringComparison.Ordinal);
        commandLine = remark < 0 ? commandLine : commandLine[..remark];
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in commandLine + " ")
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        var redirect = tokens.FindIndex(t => t is ">" or "|" or "2>");
        return [.. redirect < 0 ? tokens : tokens.Take(redirect)];
    }

    private static CliConsole Quiet() => new(TextWriter.Null, TextWriter.Null, IsTerminal: false);
}
