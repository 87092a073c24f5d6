using System.Text;
using System.Text.Json;
using SuperConvergence.Cli.Schedules;
using SuperConvergence.Cli.Json;
using SuperConvergence.Core.Schedules;

namespace SuperConvergence.Cli.Tests.Commands;

/// <summary>
/// `sc schedule --format json` is written as it is produced: a long schedule reaches the output in chunks of bounded
/// size (it used to be built in one buffer and ran out of memory at 2^31 steps), and the text is what the buffered
/// writer gave.
/// </summary>
public sealed class ScheduleJsonStreamingTests
{
    [Fact]
    public void A_long_schedule_reaches_the_output_in_bounded_chunks_while_it_is_written()
    {
        var schedule = new OneCycleSchedule(new OneCycleOptions(1, 200_000));
        var output = new ChunkRecorder();

        ScheduleOutput.WriteJson(schedule, output);

        Assert.True(output.Writes > 20, $"{output.Writes} writes: the document was not streamed");
        Assert.True(output.LargestWrite <= 2 * JsonWriting.StreamChunkBytes, $"a single write of {output.LargestWrite} characters");
        var json = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(200_000, json.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public void The_streamed_text_is_the_buffered_text_with_a_line_end()
    {
        var schedule = new OneCycleSchedule(new OneCycleOptions(0.8, 5000));
        var streamed = new StringWriter();

        ScheduleOutput.WriteJson(schedule, streamed);
        var buffered = JsonWriting.Write(w => ScheduleOutput.WriteDocument(w, schedule));

        Assert.Equal(buffered + Environment.NewLine, streamed.ToString());
    }

    private sealed class ChunkRecorder : TextWriter
    {
        private readonly StringBuilder _text = new();

        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Record(1, () => _text.Append(value));

        public override void Write(char[] buffer, int index, int count) => Record(count, () => _text.Append(buffer, index, count));

        public override string ToString() => _text.ToString();

        private void Record(int count, Action append)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            append();
        }
    }
}
