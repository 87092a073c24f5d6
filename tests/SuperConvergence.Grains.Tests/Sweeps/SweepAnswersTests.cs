using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Grains.Sweeps;

namespace SuperConvergence.Grains.Tests.Sweeps;

/// <summary>The coordinator's answers as pure functions of its state: what the grain and a store reader both compute.</summary>
public sealed class SweepAnswersTests
{
    [Theory]
    [InlineData(0, 100, 0, 10)]
    [InlineData(3, 4, 3, 4)]
    [InlineData(8, 100, 8, 2)]
    [InlineData(-5, 3, 0, 3)]
    [InlineData(50, 3, 10, 0)]
    [InlineData(2, -1, 2, 0)]
    public void A_page_is_the_request_clamped_to_the_trials_started(int offset, int limit, int expectedOffset, int expectedCount)
    {
        var state = new SweepGrainState { SpecText = "x", NextTrialNumber = 11 };

        Assert.Equal((expectedOffset, expectedCount), SweepAnswers.PageOf(state, offset, limit));
    }

    [Fact]
    public void Unfinished_trials_count_as_running_or_else_pending_and_both_are_always_given()
    {
        Assert.Equal(
            [(TrialState.Pending, 2), (TrialState.Running, 1)],
            SweepAnswers.ActiveCounts([TrialState.Running, TrialState.Pending, null]).ToList());
        Assert.Equal([(TrialState.Pending, 0), (TrialState.Running, 0)], SweepAnswers.ActiveCounts([]).ToList());
    }

    [Fact]
    public void The_status_counts_finished_trials_from_the_state_and_the_unfinished_as_given()
    {
        var state = new SweepGrainState
        {
            SpecText = "x",
            Name = "n",
            State = SweepState.Running,
            NextTrialNumber = 6,
            FinishedCounts = { [TrialState.Completed] = 3 },
            TrialEpochsUsed = 7,
            FirstFailure = "trial t-000002: boom",
        };
        var progress = new SearchProgress(2, new LrRange(0.1, 1), SearchPhase.Narrowing, []);

        var status = SweepAnswers.Status("s", state, progress, 0, [], [(TrialState.Pending, 1), (TrialState.Running, 1)]);

        Assert.Equal(5, status.TotalTrials);
        Assert.Equal(new Dictionary<TrialState, int> { [TrialState.Completed] = 3, [TrialState.Pending] = 1, [TrialState.Running] = 1 }, status.Counts);
        Assert.Equal(["completed", "pending", "running"], status.CountsByName.Select(c => c.Key));
        Assert.Equal((2, "narrowing", 7, "trial t-000002: boom"), (status.Round, status.Phase, status.TrialEpochsUsed, status.FirstFailure));
    }

    [Fact]
    public void Trial_ids_end_in_six_digits_and_the_catalog_lists_newest_first()
    {
        var older = new SweepListing("b", "n", SweepState.Completed, DateTimeOffset.UnixEpoch);
        var newer = new SweepListing("a", "n", SweepState.Running, DateTimeOffset.UnixEpoch.AddDays(1));
        var tie = new SweepListing("c", "n", SweepState.Running, DateTimeOffset.UnixEpoch.AddDays(1));
        var catalog = new SweepCatalogState { Sweeps = { ["b"] = older, ["c"] = tie, ["a"] = newer } };

        Assert.Equal("s-000042", SweepAnswers.TrialIdOf("s", 42));
        Assert.Equal([newer, tie, older], SweepAnswers.Listing(catalog));
    }
}
