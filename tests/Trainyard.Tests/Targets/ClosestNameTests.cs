using Trainyard.Pipelines;
using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

/// <summary>One distance serves the target engine's "did you mean", the spec's and the metric catalogue's suggestions.</summary>
public class ClosestNameTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("Compile", "compile", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("flaw", "lawn", 2)]
    public void DistanceIsCaseInsensitiveLevenshtein(string a, string b, int expected)
    {
        Assert.Equal(expected, ClosestName.Distance(a, b));
        Assert.Equal(expected, ClosestName.Distance(b, a));
    }

    [Fact]
    public void OneSuggestionIsTheNearestCloseEnoughName()
    {
        Assert.Equal("Compile", ClosestName.Find("compil", ["Clean", "Compile", "Test"]));
        Assert.Null(ClosestName.Find("Deploy", ["Clean", "Compile"]));
        // The spec's stricter limit (a third of the candidate's length) keeps unrelated keys out.
        Assert.Equal("label", Quote.Closest("lable", ["label", "path"]));
        Assert.Null(Quote.Closest("seed", ["path", "task"]));
    }

    [Fact]
    public void SeveralSuggestionsAreTheNearestWithNamesContainingTheTypedTextFirst()
    {
        // pr_auc: 3 edits − 3 (contains "auc") = 0; roc_auc: 4 − 3 = 1; f1: 3; accuracy: 5; log_loss: 8 (not in the three).
        Assert.Equal(["pr_auc", "roc_auc", "f1"], ClosestName.Nearest("auc", ["accuracy", "f1", "pr_auc", "roc_auc", "log_loss"]));
    }
}
