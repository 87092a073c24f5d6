using SuperConvergence.Cli.Commands;
using SuperConvergence.Cli.Sweeps;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>The tables for people, rendered as a pipe gets them: fixed width, no colour, every value readable.</summary>
public sealed class SweepTablesTests
{
    [Fact]
    public void Status_tables_show_the_summary_and_every_trial_of_the_page()
    {
        var text = Render(ansi =>
        {
            ansi.Write(SweepTables.Summary(SampleRecords.Status));
            ansi.Write(SweepTables.Trials(SampleRecords.Trials, "trials 1–3 of 3"));
        });

        Assert.Contains("s (demo)", text);
        Assert.Contains("narrowing, round 1", text);
        Assert.Contains("0.1 … 2.5", text);
        Assert.Contains("3 (completed 2, running 1)", text);
        Assert.Contains("trials 1–3 of 3", text);
        Assert.Matches(@"│ s-000001 │ range-test │ completed │ 1 +│ w0/1 +│ - +│ 0.0005", text);
        Assert.Matches(@"│ s-000002 │ train +│ completed │ 2 +│ w0/0 +│ 0.8 +│ 0.0005 +│ 256 +│ 3 +│ 3 +│ 91.25% +│", text);
        Assert.Matches(@"│ s-000003 │ train +│ running +│ 1 +│ w1/0 +│ 2.5 ", text);
    }

    [Fact]
    public void Best_and_list_tables_show_ranks_configs_and_sweeps()
    {
        var text = Render(ansi =>
        {
            ansi.Write(SweepTables.Best(SampleRecords.Best));
            ansi.Write(SweepTables.Sweeps(SampleRecords.Listings));
        });

        Assert.Contains("best configurations", text);
        Assert.Matches(@"│ 1 │ s-000002 │ +0.8 │ +0.032 │ +0.0005 │ +256 │ +3 │ +91.25% │", text);
        Assert.Matches(@"│ demo-20261123-000232-d1af +│ demo +│ running +│ 2026-11-23 00:02:32Z │", text);
        Assert.Contains("grid, \"quoted\"", text);
    }

    [Fact]
    public void Trial_show_table_has_the_config_attempts_and_each_epoch()
    {
        var text = Render(ansi => TrialCommand.Render(ansi, SampleRecords.Training));

        Assert.Contains("2 (resumed after epoch 1)", text);
        Assert.Contains("resnet-small on fashion-mnist: max LR 0.8, min LR 0.032, wd 0.0005, batch 256, 3-epoch cycle", text);
        Assert.Matches(@"accuracy +91.25%", text);
        Assert.Matches(@"│ 1 +│ 1.2500 +│ 0.9000 +│ 71.00% +│ 0.4 +│ 1520 +│", text);
        Assert.Matches(@"│ 2 +│ 0.5000 +│ NaN +│ 85.00% +│", text);
        Assert.Matches(@"│ 3 +│ 0.2500 +│ 0.3000 +│ 91.25% +│ 8E-05 +│", text);
    }

    [Fact]
    public void Trial_show_names_the_step_a_trial_resumed_from_inside_an_epoch_in_the_table_and_the_json()
    {
        var resumedMidEpoch = SampleRecords.Training with { ResumedFromStep = 37 };

        Assert.Contains("2 (resumed after epoch 1 and 37 steps of the next)", Render(ansi => TrialCommand.Render(ansi, resumedMidEpoch)));
        Assert.Equal(37, System.Text.Json.JsonDocument.Parse(TrialJson.Show(resumedMidEpoch)).RootElement.GetProperty("resumedFromStep").GetInt32());
    }

    [Fact]
    public void Trial_show_table_of_a_range_test_gives_its_hessian_free_estimate_when_it_has_one()
    {
        var with = Render(ansi => TrialCommand.Render(ansi, SampleRecords.RangeTestWithHessian));
        var without = Render(ansi => TrialCommand.Render(ansi, SampleRecords.RangeTest));

        Assert.Matches(@"hessian-free LR +0\.25 \(whole model; log-median of the last 1 of 1 estimates; 1 of 2 iterations skipped for non-positive curvature\)", with);
        Assert.Matches(@"  layers +2, from 0\.2 \(stem\) to 0\.2 \(stem\); median 0\.2", with);
        Assert.DoesNotContain("hessian", without, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_gets_the_fixed_width_and_no_escape_codes()
    {
        var text = Render(ansi => ansi.Write(SweepTables.Trials(SampleRecords.Trials, "trials")));

        Assert.DoesNotContain('\u001b', text);
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= SweepTables.PipeWidth, line));
    }

    private static string Render(Action<Spectre.Console.IAnsiConsole> write)
    {
        var output = new StringWriter();
        write(SweepTables.ConsoleFor(new CliConsole(output, TextWriter.Null, IsTerminal: false)));
        return output.ToString();
    }
}
