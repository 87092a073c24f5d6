using System.Text;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Core.Tests.Trials.Tabular;

/// <summary>The table file: written and read back unchanged; anything the replay cannot use is one line naming the field.</summary>
public sealed class TrialTableFileTests
{
    private static readonly string Text = File.ReadAllText(TabularTrainerTests.SmallTable);

    private static TrialTable Parse(string json) => TrialTableFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "t.json");

    [Fact]
    public void Writing_a_table_and_reading_it_back_gives_the_same_table_and_the_same_text()
    {
        var table = Parse(Text);
        using var writer = new StringWriter();

        TrialTableFile.Write(table, writer);
        var again = Parse(writer.ToString());

        Assert.Equal(Text, writer.ToString());
        Assert.Equal(table.Provenance, again.Provenance);
        Assert.Equal(table.Trials.Select(t => (t.MaxLr, t.WeightDecay, t.BatchSize, t.CycleEpochs, t.Seed, t.Status, t.Seconds)), again.Trials.Select(t => (t.MaxLr, t.WeightDecay, t.BatchSize, t.CycleEpochs, t.Seed, t.Status, t.Seconds)));
        Assert.Equal(table.Trials.SelectMany(t => t.Epochs), again.Trials.SelectMany(t => t.Epochs));
        Assert.Equal(table.RangeTests.SelectMany(t => t.Points), again.RangeTests.SelectMany(t => t.Points));
    }

    [Theory]
    [InlineData("\"schema\": \"superconvergence.trial-table/1\"", "\"schema\": \"v0\"", "t.json: schema: 'v0' is not superconvergence.trial-table/1")]
    [InlineData("\"trainImages\": ", "\"trainImages\": -", "t.json: trainImages: -")]
    [InlineData("\"status\": \"completed\"", "\"status\": \"done\"", "t.json: trials[0].status: 'done' must be completed or diverged")]
    [InlineData("\"rangeTests\": [", "\"rangeTests\": {}, \"x\": [", "t.json: rangeTests: {} must be an array")]
    public void A_field_the_replay_cannot_use_is_one_line_naming_it(string find, string replace, string expected)
    {
        var error = Assert.Throws<TrialTableFormatException>(() => Parse(ReplaceFirst(Text, find, replace)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_accuracy_outside_zero_to_one_is_refused_with_its_path()
    {
        var table = Parse(Text);
        var first = table.Trials[0].Epochs[0];
        var bad = table with { Trials = [table.Trials[0] with { Epochs = [first with { TestAccuracy = 1.5 }, .. table.Trials[0].Epochs.Skip(1)] }, .. table.Trials.Skip(1)] };
        using var writer = new StringWriter();
        TrialTableFile.Write(bad, writer);

        var error = Assert.Throws<TrialTableFormatException>(() => Parse(writer.ToString()));

        Assert.Equal("t.json: trials[0].epochs[0][2]: 1.5 must be an accuracy in [0, 1]", error.Message);
    }

    [Fact]
    public void An_incomplete_grid_is_refused_naming_the_missing_run()
    {
        var table = Parse(Text);
        var missing = table.Trials[^1];
        using var writer = new StringWriter();
        TrialTableFile.Write(table with { Trials = [.. table.Trials.Take(table.Trials.Count - 1)] }, writer);

        var error = Assert.Throws<TrialTableFormatException>(() => Parse(writer.ToString()));

        Assert.StartsWith("t.json: trials: the grid is incomplete: no run for maxLr ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"seed {missing.Seed}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_recorded_twice_and_a_cell_without_curves_are_refused()
    {
        var table = Parse(Text);
        using var twice = new StringWriter();
        TrialTableFile.Write(table with { Trials = [.. table.Trials, table.Trials[3]] }, twice);
        using var noCurves = new StringWriter();
        var cell = table.RangeTests[0];
        TrialTableFile.Write(table with { RangeTests = [.. table.RangeTests.Where(r => (r.WeightDecay, r.BatchSize) != (cell.WeightDecay, cell.BatchSize))] }, noCurves);

        Assert.Contains("is recorded twice", Assert.Throws<TrialTableFormatException>(() => Parse(twice.ToString())).Message, StringComparison.Ordinal);
        Assert.Contains("rangeTests: no curve for the cell", Assert.Throws<TrialTableFormatException>(() => Parse(noCurves.ToString())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_and_a_missing_file_are_one_line_each()
    {
        Assert.StartsWith("t.json: not valid JSON", Assert.Throws<TrialTableFormatException>(() => Parse("{\"schema\": ")).Message, StringComparison.Ordinal);
        Assert.Equal("nope.json: no such file", Assert.Throws<TrialTableFormatException>(() => TrialTableFile.Read("nope.json")).Message);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the table");
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
