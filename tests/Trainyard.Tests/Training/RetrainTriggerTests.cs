using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class RetrainTriggerTests
{
    [Theory]
    [InlineData(new[] { "drift(Income, Age)" }, "drift(Income, Age)")]
    [InlineData(new[] { "estimated.auc 0.71 < 0.74" }, "quality(auc)")]
    [InlineData(new[] { "auc 0.70 < 0.79 (evaluated - 0.05)", "estimated.auc 0.71 < 0.74", "f1 0.2 < 0.3" }, "quality(auc, f1)")]
    [InlineData(new[] { "drift(Age)", "accuracy 0.6 < 0.7" }, "drift(Age); quality(accuracy)")]
    public void MonitorsReasonsBecomeTheLineageTrigger(string[] reasons, string trigger) =>
        Assert.Equal(trigger, RetrainDecision.TriggerOf(reasons));
}
