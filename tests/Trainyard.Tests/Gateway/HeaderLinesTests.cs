using System.Text;
using Trainyard.Gateway;

namespace Trainyard.Tests.Gateway;

/// <summary>HeaderLines: a repeated line gives the same strings again; a new value for a kept name takes that name's place.</summary>
public sealed class HeaderLinesTests
{
    static (string Name, string Value) Parse(HeaderLines lines, string line) => lines.Parse(Encoding.Latin1.GetBytes(line));

    [Fact]
    public void ARepeatedLineGivesTheSameStrings()
    {
        var lines = new HeaderLines();
        var first = Parse(lines, "Content-Type: application/json");
        var again = Parse(lines, "Content-Type: application/json");
        Assert.Equal(("Content-Type", "application/json"), first);
        Assert.Same(first.Value, again.Value);
        Assert.Same(first.Name, again.Name);
    }

    [Fact]
    public void ANewValueKeepsTheNameAndSpacesAroundAValueAreDropped()
    {
        var lines = new HeaderLines();
        var first = Parse(lines, "X-Request-Id: a1");
        var second = Parse(lines, "X-Request-Id: \tb2 ");
        Assert.Equal("b2", second.Value);
        Assert.Same(first.Name, second.Name);
        // Many changing values of one name never push out the others.
        var type = Parse(lines, "Content-Type: text/plain");
        for (var i = 0; i < 100; i++) Parse(lines, $"X-Request-Id: {i}");
        Assert.Same(type.Value, Parse(lines, "Content-Type: text/plain").Value);
    }

    [Fact]
    public void ALineWithoutANameIsInvalid()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(new HeaderLines(), ": no name"));
        Assert.Contains("not a header line", error.Message);
    }
}
