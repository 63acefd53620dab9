using System.Text;
using Trainyard.Interop;

namespace Trainyard.Tests.Interop;

public sealed class XGBoostErrorTests
{
    [Fact]
    public void AFailingCallCarriesTheFunctionNameAndXgboostsErrorText()
    {
        var error = Assert.Throws<XGBoostException>(() => Booster.Load(Encoding.UTF8.GetBytes("{ this is not a model")));

        Assert.Equal("XGBoosterLoadModelFromBuffer", error.Function);
        Assert.StartsWith("XGBoost's XGBoosterLoadModelFromBuffer failed: ", error.Message);
        Assert.Contains(error.NativeMessage, error.Message);
        Assert.Contains("json", error.NativeMessage, StringComparison.OrdinalIgnoreCase);
        Assert.IsAssignableFrom<TrainyardException>(error);
    }

    [Fact]
    public void TheErrorTextIsTheOneOfTheCallThatFailed()
    {
        using var matrix = DMatrix.FromDense([1, 2, 3, 4], rows: 2, columns: 2, threads: 1);

        var error = Assert.Throws<XGBoostException>(() => matrix.SetFloatInfo("no_such_field", [0, 1]));

        Assert.Equal("XGDMatrixSetFloatInfo", error.Function);
        Assert.Contains("no_such_field", error.NativeMessage);
    }

    [Fact]
    public void ASavedModelLoadsBackAndPredictsTheSame()
    {
        using var matrix = DMatrix.FromDense([1, 0, 2, 1, 3, 0, 4, 1], rows: 4, columns: 2, threads: 1);
        matrix.SetFloatInfo("label", [1, 2, 3, 4]);
        using var booster = Booster.Create([matrix]);
        booster.SetParameter("nthread", "1");
        for (var i = 0; i < 3; i++) booster.UpdateOneIteration(i, matrix);

        using var loaded = Booster.Load(booster.SaveJson());

        Assert.Equal(3, loaded.BoostedRounds());
        Assert.Equal(booster.Predict(matrix), loaded.Predict(matrix));
    }
}
