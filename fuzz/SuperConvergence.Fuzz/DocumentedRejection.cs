namespace SuperConvergence.Fuzz;

/// <summary>
/// The team's rule for bad input: one line naming the field and the value. A documented rejection whose message is
/// empty or spans lines breaks that rule as surely as a stray exception, so it is a finding too.
/// </summary>
internal static class DocumentedRejection
{
    public static void RequireOneLine(Exception rejection)
    {
        var message = rejection.Message;
        // Every character a terminal or ReplaceLineEndings treats as ending a line: CR, LF, VT, FF, NEL, LS, PS.
        if (string.IsNullOrWhiteSpace(message) || message.AsSpan().IndexOfAny("\r\n\v\f\u0085\u2028\u2029") >= 0)
        {
            throw new FuzzFindingException($"{rejection.GetType().Name} is not one line: [{message}]", rejection);
        }
    }
}
