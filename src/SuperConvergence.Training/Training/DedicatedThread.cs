namespace SuperConvergence.Training.Training;

/// <summary>
/// Runs minutes-long, CPU-bound work on its own thread so callers (an Orleans grain, a UI) never block and the
/// thread pool is not starved; the returned task completes in the awaiting caller's context.
/// </summary>
internal static class DedicatedThread
{
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
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
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return completion.Task;
    }
}
