using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

/// <summary>
/// Inputs afl found (build/fuzz/run.sh spec, docs/fuzzing.md): rejections whose message spread over several lines (a
/// key or value carrying line breaks or control characters was quoted as it was; each must now be refused in one line,
/// with the characters escaped), and a YAML tag the parser refused with an exception the reader let through.
/// </summary>
public sealed class SpecFuzzFindingTests
{
    public static TheoryData<string, byte[], SweepSpecFormat> Findings => new()
    {
        // afl's crash id:000024 verbatim: a plain root scalar "\x0F\ns" (the blank line folds into a line break).
        { "afl spec id:000024", [0x0F, 0x0A, 0x0A, 0x73], SweepSpecFormat.Yaml },
        { "YAML key with a line break", "\"na\\nme\": 1\n"u8.ToArray(), SweepSpecFormat.Yaml },
        { "YAML value with an escape sequence", "\"\\e[2J\\x0F\"\n"u8.ToArray(), SweepSpecFormat.Yaml },
        { "JSON key with a line break", "{\"na\\nme\": 1}"u8.ToArray(), SweepSpecFormat.Json },
        { "JSON key with a paragraph separator", "{\"x\\u2029y\": 2}"u8.ToArray(), SweepSpecFormat.Json },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Rejection_is_one_line_with_the_characters_escaped(string finding, byte[] input, SweepSpecFormat format)
    {
        var text = System.Text.Encoding.UTF8.GetString(input);

        var refused = Assert.Throws<SweepSpecException>(() => SweepSpecReader.Parse(text, format));

        Assert.False(refused.Message.AsSpan().IndexOfAny("\r\n\v\f\u0085\u2028\u2029\u001B\u000F") >= 0, $"{finding}: [{refused.Message}]");
        Assert.Matches(@"\\n|\\u2029|\\u000F", refused.Message);
    }

    /// <summary>
    /// afl's crash id:000000 of the second spec run verbatim: the tag <c>!!]am!!!!</c> made YamlDotNet throw
    /// ArgumentException ("Global tags must be valid URIs"), which escaped the reader instead of a spec error.
    /// </summary>
    [Fact]
    public void A_tag_that_is_no_valid_uri_is_invalid_yaml_in_one_line()
    {
        var text = System.Text.Encoding.UTF8.GetString([0x00, 0x00, 0x00, 0x20, 0x21, 0x21, 0x5D, 0x61, 0x6D, 0x21, 0x21, 0x21, 0x21]);

        var refused = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(text));

        Assert.Equal("spec", refused.Field);
        Assert.StartsWith("line ", refused.Value, StringComparison.Ordinal);
        Assert.StartsWith("is not valid YAML: ", refused.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void Escaping_keeps_the_value_readable()
    {
        var refused = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseJson("{\"na\\nme\": 1}"));

        Assert.Contains(@"na\nme", refused.Message, StringComparison.Ordinal);
    }
}
