using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Runtime;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Tests.Runtime;

/// <summary>Models the managed scorer cannot evaluate exactly are refused at load, with what to change.</summary>
public sealed class ScorerRefusalTests
{
    private static JsonNode CreditModel() => JsonNode.Parse(File.ReadAllText(ParityFixture.PathOf("credit.model.json")))!;

    private static ModelFormatException Refusal(JsonNode model) =>
        Assert.Throws<ModelFormatException>(() => XGBoostScorer.Load(Encoding.UTF8.GetBytes(model.ToJsonString()), "model.json"));

    [Theory]
    [InlineData("binary:hinge")]
    [InlineData("multi:softmax")]
    [InlineData("reg:pseudohubererror")]
    [InlineData("rank:pairwise")]
    public void AnUnsupportedObjectiveIsRefused(string objective)
    {
        var model = CreditModel();
        model["learner"]!["objective"]!["name"] = objective;
        var error = Refusal(model);
        Assert.Contains($"objective '{objective}' is not supported", error.Message);
        Assert.Contains("binary:logistic, multi:softprob or reg:squarederror", error.Message);
    }

    [Fact]
    public void ADartBoosterIsRefused()
    {
        var model = CreditModel();
        model["learner"]!["gradient_booster"]!["name"] = "dart";
        Assert.Contains("booster 'dart' is not supported", Refusal(model).Message);
    }

    [Fact]
    public void AFileThatIsNotJSONIsRefusedWithHowToSaveOne()
    {
        var error = Assert.Throws<ModelFormatException>(() => XGBoostScorer.Load("{L\0\0\0\u0007learner"u8, "model.ubj"));
        Assert.Contains("save it as JSON", error.Message);
    }

    [Fact]
    public void AModelWithoutTreesIsRefused()
    {
        var model = CreditModel();
        model["learner"]!["gradient_booster"]!["model"]!.AsObject().Remove("trees");
        Assert.Contains("'trees' is missing", Refusal(model).Message);
    }

    [Fact]
    public void AChildIndexOutsideTheTreeIsRefused()
    {
        var model = CreditModel();
        model["learner"]!["gradient_booster"]!["model"]!["trees"]![3]!["left_children"]![0] = 10_000;
        Assert.Contains("tree 3: node 0 has children 10000", Refusal(model).Message);
    }

    [Fact]
    public void ATreeWithACycleIsRefused()
    {
        var model = CreditModel();
        model["learner"]!["gradient_booster"]!["model"]!["trees"]![0]!["right_children"]![0] = 0;
        Assert.Contains("reached twice", Refusal(model).Message);
    }

    [Fact]
    public void ASplitOnAFeatureTheModelDoesNotHaveIsRefused()
    {
        var model = CreditModel();
        model["learner"]!["gradient_booster"]!["model"]!["trees"]![0]!["split_indices"]![0] = 500;
        Assert.Contains("splits on feature 500", Refusal(model).Message);
    }

    [Fact]
    public void CategoricalSplitsAreRefused()
    {
        var model = CreditModel();
        model["learner"]!["gradient_booster"]!["model"]!["trees"]![0]!["split_type"]![0] = 1;
        Assert.Contains("categorical splits", Refusal(model).Message);
    }

    [Fact]
    public void ALogisticBaseScoreOutsideZeroToOneIsRefused()
    {
        var model = CreditModel();
        model["learner"]!["learner_model_param"]!["base_score"] = "1.5E0";
        Assert.Contains("strictly between 0 and 1", Refusal(model).Message);
    }

    [Fact]
    public void ARowOfTheWrongWidthIsRefused()
    {
        var scorer = XGBoostScorer.Load(Encoding.UTF8.GetBytes(CreditModel().ToJsonString()));
        var error = Assert.Throws<ModelFormatException>(() => scorer.Predict(new float[3], new float[1]));
        Assert.Contains($"the model expects {scorer.FeatureCount}", error.Message);
    }
}
