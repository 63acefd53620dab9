using System.Text.Json;
using Trainyard.Containers;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Containers;

public sealed class SmokeTestTests
{
    static readonly InputExample Example = new()
    {
        Inputs = [JsonSerializer.SerializeToElement(new { Age = 30 }), JsonSerializer.SerializeToElement(new { Age = 40 })],
        Outputs =
        [
            new Prediction { Label = "good", Probabilities = new Dictionary<string, float> { ["good"] = 0.75f, ["bad"] = 0.25f } },
            new Prediction { Label = "bad", Probabilities = new Dictionary<string, float> { ["good"] = 0.25f, ["bad"] = 0.75f } },
        ],
        DataRows = ["2", "9"],
    };

    static JsonElement Answers(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void AnswersWithinOneMillionthAreTheExpectedOutputs()
    {
        // 0.75 and 0.25 are exact in float and double, so 5e-7 away is within 1e-6 by arithmetic alone.
        var answers = Answers("""[{"label":"good","probabilities":{"good":0.7500005,"bad":0.25}},{"label":"bad","probabilities":{"good":0.25,"bad":0.75}}]""");

        Assert.Empty(SmokeTest.Differences(Example, answers));
    }

    [Fact]
    public void AnAlteredOutputIsNamedByRowDataRowFieldAndBothValues()
    {
        var answers = Answers("""[{"label":"good","probabilities":{"good":0.75,"bad":0.25}},{"label":"good","probabilities":{"good":0.5,"bad":0.75}}]""");

        var differences = SmokeTest.Differences(Example, answers);

        Assert.Equal(
        [
            "row 1 (data row 9): label expected 'bad', got 'good'",
            "row 1 (data row 9): probability of good expected 0.25, got 0.5 (off by 2.5e-1)",
        ], differences);
    }

    [Fact]
    public void AMissingPredictionIsADifference()
    {
        var differences = SmokeTest.Differences(Example, Answers("""[{"label":"good","probabilities":{"good":0.75,"bad":0.25}}]"""));

        Assert.Equal(["expected 2 predictions, got 1"], differences);
    }

    [Theory]
    [InlineData("trainyard/credit-risk", null)]
    [InlineData("credit-risk", null)]
    [InlineData("localhost:5000/ml/credit-risk", "localhost:5000")]
    [InlineData("127.0.0.1:5000/ml/credit-risk", "127.0.0.1:5000")]
    [InlineData("ghcr.io/acme/credit-risk", "ghcr.io")]
    [InlineData("localhost/credit-risk", "localhost")]
    public void AnImageIsPushedWhenItsFirstComponentIsARegistryHost(string image, string? host)
    {
        // Docker's rule (distribution/reference): a first component with a '.' or ':' or equal to 'localhost' is a host.
        var name = ImageName.Parse(image);

        Assert.Equal(host, name.RegistryHost);
        Assert.Equal(host is not null, name.IsPushed);
    }

    [Theory]
    [InlineData("ghcr.io/acme/credit-risk:v3", "holds a tag or digest")]
    [InlineData("ghcr.io/acme/credit-risk@sha256:00", "holds a tag or digest")]
    [InlineData("Acme/Credit-Risk", "is not an image repository")]
    [InlineData("acme//credit-risk", "is not an image repository")]
    public void ABadImageNameIsAUsageErrorSayingWhatToWrite(string image, string problem)
    {
        var error = Assert.Throws<UsageException>(() => ImageName.Parse(image));

        Assert.Contains(problem, error.Message);
    }
}
