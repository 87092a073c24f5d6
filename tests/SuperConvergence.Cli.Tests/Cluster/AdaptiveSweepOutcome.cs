using System.Text.Json;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>What an adaptive sweep that ran to its end shows in its status JSON, whatever it trained.</summary>
public static class AdaptiveSweepOutcome
{
    /// <summary>
    /// Asserts the sweep completed, narrowed at least once after a completed range test, and completed training
    /// trials; returns those trials.
    /// </summary>
    public static IReadOnlyList<JsonElement> CompletedTraining(JsonElement status)
    {
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("round").GetInt32() >= 1, "the adaptive sweep narrows at least once");
        var trials = status.GetProperty("trials").EnumerateArray().ToList();
        Assert.Contains(trials, t => t.GetProperty("kind").GetString() == "range-test" && t.GetProperty("state").GetString() == "completed");
        var trained = trials.Where(t => t.GetProperty("kind").GetString() == "train" && t.GetProperty("state").GetString() == "completed").ToList();
        Assert.NotEmpty(trained);
        return trained;
    }
}
