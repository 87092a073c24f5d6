namespace SuperConvergence.Training.Command;

/// <summary>
/// Lines of a program's output stream, each at most a given length, so a program that prints a gigabyte without a
/// newline costs that length, not the gigabyte. What happens to a longer line is the caller's: the stdout reader
/// fails the trial, the stderr reader keeps its start.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxCharacters)
{
    private readonly char[] _buffer = new char[4096];
    private readonly StringBuilder _line = new();
    private int _start;
    private int _end;
    private bool _atEnd;

    /// <summary>The next line (without its line ending) and whether it was cut at the limit; null at the end of the stream.</summary>
    public async Task<(string Text, bool Truncated)?> ReadAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var truncated = false;
        while (true)
        {
            if (_start == _end)
            {
                if (_atEnd)
                {
                    return _line.Length > 0 || truncated ? (_line.ToString(), truncated) : null;
                }

                _end = await reader.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                _start = 0;
                _atEnd = _end == 0;
                continue;
            }

            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            var room = maxCharacters - _line.Length;
            var take = Math.Min(stop - _start, Math.Max(0, room));
            _line.Append(_buffer, _start, take);
            truncated |= take < stop - _start;
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                if (_line.Length > 0 && _line[^1] == '\r')
                {
                    _line.Length--;
                }

                return (_line.ToString(), truncated);
            }
        }
    }
}
