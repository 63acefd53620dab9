using Trainyard.Training;

namespace Trainyard.Tests.Training;

/// <summary>
/// Trainyard's XGBoost training gives exactly the model Python's xgboost 1.7.4 gives with the same data, parameters,
/// seed and threads. The expected values were printed by parity_reference.py in this folder
/// (<c>/usr/bin/python3 parity_reference.py</c>): for each task it trains with
/// <c>xgb.train({tree_method: hist, max_depth: 3, eta: 0.3, nthread: 2, seed: 7, objective, eval_metric},
/// num_boost_round=200, evals=[(dvalid, "validation")], early_stopping_rounds=10)</c> and prints
/// <c>bst.best_iteration</c>, <c>bst[: best_iteration + 1].predict(dtest)</c> and, for regression, <c>get_score</c>.
/// </summary>
public sealed class XGBoostParityTests
{
    private static readonly XGBoostTrainer Trainer = new();

    [Fact]
    public async Task BinaryModelPredictsExactlyWhatPythonXgboostPredicts()
    {
        var model = await Train(TrainingTask.Binary);

        Assert.Equal("auc", model.MetricName);
        Assert.Equal(2, model.BestIteration); // Python: best_iteration=2 best_score=0.8802 rounds=13
        Assert.Equal(0.8802, model.BestScore);
        Assert.Equal(13, model.RoundsTrained);
        Assert.Equal(PythonBinary, ParityData.PredictTest(model, TaskKind.BinaryClassification));
    }

    [Fact]
    public async Task MulticlassSoftprobModelPredictsExactlyWhatPythonXgboostPredicts()
    {
        var model = await Train(TrainingTask.Multiclass(3));

        Assert.Equal("mlogloss", model.MetricName);
        Assert.Equal(24, model.BestIteration); // Python: best_iteration=24 best_score=0.7685487481020391 rounds=35
        Assert.Equal(0.7685487481020391, model.BestScore);
        Assert.Equal(35, model.RoundsTrained);
        Assert.Equal(PythonMulticlass, ParityData.PredictTest(model, TaskKind.MulticlassClassification)); // 40 rows × 3 classes
    }

    [Fact]
    public async Task RegressionModelPredictsExactlyWhatPythonXgboostPredicts()
    {
        var model = await Train(TrainingTask.Regression);

        Assert.Equal("rmse", model.MetricName);
        Assert.Equal(40, model.BestIteration); // Python: best_iteration=40 best_score=4.64086654520632 rounds=51
        Assert.Equal(4.64086654520632, model.BestScore);
        Assert.Equal(51, model.RoundsTrained);
        Assert.Equal(PythonRegression, ParityData.PredictTest(model, TaskKind.Regression));
    }

    [Fact]
    public async Task GainImportanceIsWhatPythonXgboostReports()
    {
        var model = await Train(TrainingTask.Regression);

        var totalGain = new Dictionary<string, float> { ["f0"] = 9981.36328f, ["f1"] = 4833.62256f, ["f2"] = 1002.28156f, ["f3"] = 556.007629f, ["f4"] = 717.18689f, ["f5"] = 1061.96045f };
        var gain = new Dictionary<string, float> { ["f0"] = 155.958801f, ["f1"] = 127.200592f, ["f2"] = 20.4547253f, ["f3"] = 17.93573f, ["f4"] = 22.4120903f, ["f5"] = 27.2297554f };
        Assert.Equal(totalGain.OrderByDescending(p => p.Value).Select(p => p.Key), model.Importance.Select(i => i.Feature));
        foreach (var importance in model.Importance)
        {
            Assert.Equal(totalGain[importance.Feature], (float)importance.TotalGain);
            Assert.Equal(gain[importance.Feature], (float)importance.Gain);
        }
    }

    private static Task<TrainedModel> Train(TrainingTask task) => Trainer.TrainAsync(
        ParityData.Training(task.Kind), ParityData.Validation(task.Kind), ParityData.Settings(task));

    private static readonly float[] PythonBinary =
    [
        0.285372704f, 0.693184376f, 0.750072479f, 0.788742423f, 0.53559947f, 0.53559947f, 0.677946448f,
        0.746502578f, 0.788742423f, 0.237332299f, 0.279887915f, 0.746502578f, 0.788742423f, 0.546631217f,
        0.279887915f, 0.537649333f, 0.750072479f, 0.750072479f, 0.285372704f, 0.692909777f, 0.27529195f,
        0.299548388f, 0.237332299f, 0.693184376f, 0.750072479f, 0.299561203f, 0.299561203f, 0.424205512f,
        0.788742423f, 0.35027042f, 0.277611941f, 0.481078058f, 0.279887915f, 0.788742423f, 0.279887915f,
        0.237332299f, 0.299548388f, 0.299561203f, 0.546631217f, 0.641586363f
    ];

    private static readonly float[] PythonMulticlass =
    [
        0.919184744f, 0.0709889233f, 0.00982629228f, 0.0280794427f, 0.263084739f, 0.708835781f,
        0.031945575f, 0.309464008f, 0.658590436f, 0.00255308673f, 0.042675741f, 0.954771161f, 0.450846553f,
        0.371355504f, 0.177797869f, 0.362398356f, 0.14795731f, 0.489644378f, 0.134346992f, 0.222679541f,
        0.642973542f, 0.0725749359f, 0.134639204f, 0.792785823f, 0.0107199112f, 0.125602052f, 0.863678098f,
        0.96723038f, 0.0229935441f, 0.00977610331f, 0.694312572f, 0.269052118f, 0.0366352983f,
        0.0237432402f, 0.324232489f, 0.652024269f, 0.0101369843f, 0.108203985f, 0.881658971f, 0.109233566f,
        0.648599029f, 0.242167413f, 0.727891862f, 0.255002052f, 0.0171060879f, 0.361680746f, 0.587060153f,
        0.0512590557f, 0.0389237925f, 0.0449262969f, 0.916149974f, 0.037537355f, 0.255313694f, 0.70714891f,
        0.95581305f, 0.0218603183f, 0.0223266799f, 0.0294420309f, 0.372149378f, 0.598408639f, 0.849333346f,
        0.118447632f, 0.0322190151f, 0.270359337f, 0.681990921f, 0.0476496927f, 0.706554353f, 0.284330815f,
        0.00911480933f, 0.0289605726f, 0.341852456f, 0.629186928f, 0.0344817266f, 0.539290786f,
        0.42622751f, 0.283698052f, 0.633977354f, 0.0823245645f, 0.637219846f, 0.301862687f, 0.0609174818f,
        0.276307315f, 0.0618553273f, 0.661837399f, 0.0218233056f, 0.355315566f, 0.622861087f, 0.914072514f,
        0.0797072425f, 0.0062202611f, 0.891999364f, 0.0939996094f, 0.01400101f, 0.120125346f, 0.553542614f,
        0.326332062f, 0.928351998f, 0.0427905917f, 0.0288574193f, 0.0211811308f, 0.294788271f,
        0.684030592f, 0.805624545f, 0.117929026f, 0.076446496f, 0.832280219f, 0.127628341f, 0.0400914289f,
        0.321527719f, 0.517477572f, 0.160994694f, 0.882167935f, 0.062108323f, 0.0557237342f, 0.0892341137f,
        0.709205866f, 0.201560006f, 0.0498225652f, 0.0498779304f, 0.900299489f
    ];

    private static readonly float[] PythonRegression =
    [
        1.36085224f, 16.0920467f, 13.31668f, 18.8319492f, 10.6028013f, 12.0399342f, 12.4673519f,
        14.3953295f, 17.6194344f, 2.44991493f, 5.05518961f, 14.9754019f, 18.6812706f, 11.1027689f,
        4.5578413f, 7.90352678f, 17.2059898f, 12.8003874f, 6.04718781f, 14.8957014f, 5.60573959f,
        9.12909222f, 3.57449722f, 13.5058117f, 12.4464273f, 6.05155754f, 5.72554588f, 12.2308264f,
        13.6705294f, 4.79059362f, 3.37312245f, 11.6621332f, 4.00198221f, 14.9895887f, 5.73465633f,
        5.43728542f, 9.01284981f, 6.687603f, 8.36841393f, 16.7832928f
    ];
}
