using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Training;

namespace Trainyard.Tests.Components;

/// <summary>
/// A team's own trainer, as small as one can be: every row scores the training rows' positive rate. Its model is
/// the XGBoost-JSON shape the managed scorer reads, with base_score and no trees (binary tasks only).
/// </summary>
internal sealed class ConstantTrainer : ITrainer
{
    public string Name => "constant";

    /// <summary>The parameters the last run received, so a test can see the spec's were passed as written.</summary>
    public IReadOnlyDictionary<string, string>? ReceivedParameters { get; private set; }

    public Task<TrainedModel> TrainAsync(TrainingSet training, TrainingSet? validation, TrainingSettings settings,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (settings.Task.Kind != TaskKind.BinaryClassification)
            throw new TrainyardException("The constant trainer handles binary tasks only.");
        ReceivedParameters = settings.Parameters;
        var labels = training.Labels.Span;
        var positives = 0;
        foreach (var label in labels) if (label == 1f) positives++;
        // binary:logistic needs a probability strictly between 0 and 1.
        var rate = Math.Clamp((double)positives / labels.Length, 1e-6, 1 - 1e-6);
        var model = new JsonObject
        {
            ["learner"] = new JsonObject
            {
                ["feature_names"] = new JsonArray(),
                // XGBoost writes these as strings; base_score is the probability every row starts (and here ends) at.
                ["learner_model_param"] = new JsonObject
                {
                    ["base_score"] = rate.ToString("R", CultureInfo.InvariantCulture),
                    ["num_class"] = "0",
                    ["num_feature"] = training.Columns.ToString(CultureInfo.InvariantCulture),
                },
                ["objective"] = new JsonObject { ["name"] = "binary:logistic" },
                ["gradient_booster"] = new JsonObject
                {
                    ["name"] = "gbtree",
                    ["model"] = new JsonObject { ["trees"] = new JsonArray(), ["tree_info"] = new JsonArray() },
                },
            },
        };
        return Task.FromResult(new TrainedModel
        {
            ModelJson = Encoding.UTF8.GetBytes(model.ToJsonString()),
            BestIteration = 0,
            RoundsTrained = 1,
            History = [],
            Importance = [],
            Parameters = [new("base_score", rate.ToString("R", CultureInfo.InvariantCulture)), .. settings.Parameters],
            Trainer = Name,
            TrainerVersion = "1.0.0",
        });
    }
}
