using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>Problems with the file as a whole: missing, not YAML, a newer format.</summary>
public class SpecFileErrorTests
{
    [Fact]
    public void MissingFileIsReportedByItsPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainyard-{Guid.NewGuid():N}", "nope.yml");

        var error = Assert.Throws<TrainyardException>(() => PipelineSpec.Load(path));

        Assert.Equal($"{path}: the pipeline spec does not exist (looked at {path})", error.Message);
        Assert.Equal(new SourceLocation(path), error.Location);
    }

    [Fact]
    public void YamlSyntaxErrorIsReportedWithLineAndColumn()
    {
        var error = Assert.Throws<TrainyardException>(() => PipelineSpec.Parse("name: x\ntask: 'binary\n", "pipelines/x.yml"));

        Assert.Equal("pipelines/x.yml:2:7: YAML syntax error: While scanning a quoted scalar, found unexpected end of stream "
            + "(check the indentation, quotes and brackets here or just above)", error.Message);
        Assert.Equal(new SourceLocation("pipelines/x.yml", 2, 7), error.Location);
    }

    [Fact]
    public void UnclosedBracketIsASyntaxErrorWithLineAndColumn()
    {
        // YamlDotNet's scanner throws without a position here; the error still points at the open bracket.
        var error = Assert.Throws<TrainyardException>(() => PipelineSpec.Parse("name: x\ntask: [binary\ndata: {}\n", "pipelines/x.yml"));

        Assert.Equal("pipelines/x.yml:2:7: YAML syntax error at or just after here (is a bracket or quote left open?)", error.Message);
    }

    [Fact]
    public void BadIndentationIsASyntaxErrorAtTheOffendingLine()
    {
        var error = Assert.Throws<TrainyardException>(() => PipelineSpec.Parse("data:\n  path: a.csv\n label: y\n", "pipelines/x.yml"));

        Assert.StartsWith("pipelines/x.yml:3:2: YAML syntax error: While parsing a block mapping, did not find expected key", error.Message);
    }

    [Fact]
    public void NewerSpecVersionAsksForAnUpgradeBeforeComplainingAboutNewKeys()
    {
        var error = Assert.Throws<TrainyardException>(() => PipelineSpec.Parse("version: 2\nname: x\ntraining: {}\n", "pipelines/x.yml"));

        Assert.Equal("pipelines/x.yml:1:10: this file is spec version 2, newer than this Trainyard reads (version 1); upgrade Trainyard", error.Message);
    }

    [Fact]
    public void TopLevelThatIsNotAMappingIsReported()
    {
        var error = Assert.Throws<TrainyardException>(() => PipelineSpec.Parse("- name: x\n", "pipelines/x.yml"));

        Assert.StartsWith("pipelines/x.yml:1:1: the top level expects a mapping of keys (version, name,", error.Message);
        Assert.EndsWith("got a list", error.Message);
    }

    [Fact]
    public void SecondYamlDocumentIsReported()
    {
        var error = Assert.Throws<TrainyardException>(() => PipelineSpec.Parse("name: x\n---\nname: y\n", "pipelines/x.yml"));

        Assert.Equal("pipelines/x.yml:3:1: the pipeline spec holds more than one YAML document (a second one starts here); keep one", error.Message);
    }
}
