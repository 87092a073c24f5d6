namespace SuperConvergence.Fuzz;

/// <summary>
/// One reader of untrusted input under the fuzzer. <see cref="Run"/> feeds it the input; the reader's documented
/// rejection (its one-line validation exception) counts as handled, and anything else escaping — another exception,
/// a rejection spread over several lines, a hang, a crash — is a finding afl records.
/// </summary>
internal abstract class FuzzTarget
{
    /// <summary>The name `build/fuzz/run.sh TARGET` and the corpus folder use.</summary>
    public abstract string Name { get; }

    /// <summary>What the target covers, for the usage text.</summary>
    public abstract string Description { get; }

    /// <summary>Feeds <paramref name="input"/> to the reader; throws only for findings.</summary>
    public void Run(byte[] input)
    {
        try
        {
            Read(input);
        }
        catch (Exception rejection) when (IsDocumentedRejection(rejection))
        {
            DocumentedRejection.RequireOneLine(rejection);
        }
    }

    /// <summary>Reads the input the way the product does, including whatever the product does next with what it read.</summary>
    protected abstract void Read(byte[] input);

    /// <summary>Whether <paramref name="rejection"/> is how the reader says "bad input".</summary>
    protected abstract bool IsDocumentedRejection(Exception rejection);
}
