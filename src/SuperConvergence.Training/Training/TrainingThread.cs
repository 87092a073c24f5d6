using System.Collections.Concurrent;

namespace SuperConvergence.Training.Training;

/// <summary>
/// One long-lived thread that runs a training run's tensor work (setup, then each epoch) in order, so callers (an
/// Orleans grain, a UI) never block and the thread pool is not starved for minutes; each job's task completes in
/// the awaiting caller's context. One thread for the whole run, not one per epoch: every new thread gets its own
/// native allocator arena, and a fresh thread per epoch made the process grow by the arena each epoch left behind.
/// </summary>
internal sealed class TrainingThread : IDisposable
{
    private readonly BlockingCollection<Action> _jobs = new();

    public TrainingThread(string name)
    {
        var thread = new Thread(() =>
        {
            foreach (var job in _jobs.GetConsumingEnumerable())
            {
                job();
            }

            // The run's tensors are gone by now (its owner disposes them before this thread): release their memory.
            Runtime.NativeHeap.ReturnFreeMemory();
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }

    public Task<T> Run<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _jobs.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (OperationCanceledException e)
            {
                completion.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    /// <summary>Lets the thread finish what it was given and end.</summary>
    public void Dispose()
    {
        _jobs.CompleteAdding();
    }

    /// <summary>One job on a thread of its own, for work that is a single call (a range test).</summary>
    public static async Task<T> RunOnce<T>(string name, Func<T> work)
    {
        using var thread = new TrainingThread(name);
        return await thread.Run(work);
    }
}
