using System.Collections.Concurrent;
using SuperConvergence.Abstractions.Grains;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Grains.Tests.Doubles;

/// <summary>A trial grain that records a worker's reports (epochs, range-test progress); one report can be held until released.</summary>
public sealed class ScriptedTrial : ITrialGrain
{
    private readonly ConcurrentQueue<TaskCompletionSource> _next = new();
    private Hold? _hold;

    public List<(IReadOnlyList<EpochMetrics> Epochs, string? Reference)> Reports { get; } = [];

    public List<RangeTestProgress> RangeTestReports { get; } = [];

    public bool Refuse { get; set; }

    public Hold HoldNextReport() => _hold = new Hold();

    public Task NextReport()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _next.Enqueue(signal);
        return signal.Task;
    }

    public Task<bool> ReportEpochs(int attempt, IReadOnlyList<EpochMetrics> epochs, string? checkpointReference)
    {
        lock (Reports)
        {
            Reports.Add((epochs.ToList(), checkpointReference));
        }

        return AnswerAsync();
    }

    public Task<bool> ReportRangeTestProgress(int attempt, RangeTestProgress progress)
    {
        lock (RangeTestReports)
        {
            RangeTestReports.Add(progress);
        }

        return AnswerAsync();
    }

    private async Task<bool> AnswerAsync()
    {
        if (Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task;
        }

        if (_next.TryDequeue(out var signal))
        {
            signal.TrySetResult();
        }

        return !Refuse;
    }

    public Task Initialize(TrialDefinition definition) => throw new NotSupportedException();

    public Task<TrialLease?> BeginAttempt(string workerId) => throw new NotSupportedException();

    public Task<bool> Complete(int attempt, TrialCompletion completion) => throw new NotSupportedException();

    public Task<bool> HandBack(int attempt, IReadOnlyList<EpochMetrics> epochs, TrialHandBack checkpoint) => throw new NotSupportedException();

    public Task AbandonAttempt(string workerId) => throw new NotSupportedException();

    public Task Cancel() => throw new NotSupportedException();

    public Task<TrialView> Get() => throw new NotSupportedException();

    public sealed class Hold
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
