namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// The weighted least-squares non-decreasing fit of a sequence: pool adjacent violators, pooling the longest decreasing
/// run at each step and backtracking one block (Best and Chakravarti; the order of scikit-learn's
/// <c>_inplace_contiguous_isotonic_regression</c>, so sums round as there). O(n).
/// </summary>
internal static class PoolAdjacentViolators
{
    /// <param name="y">The values in order; replaced by the fit.</param>
    /// <param name="w">Positive weights; overwritten (block weights) on the way.</param>
    public static void InPlace(double[] y, double[] w)
    {
        var n = y.Length;
        // A block [i..j] is written target[i] = j and target[j] = i; y[i] and w[i] hold the block's mean and weight.
        var target = new int[n];
        for (var t = 0; t < n; t++) target[t] = t;

        var i = 0;
        while (i < n)
        {
            var k = target[i] + 1;
            if (k == n) break;
            if (y[i] < y[k])
            {
                i = k;
                continue;
            }
            double sumWy = w[i] * y[i], sumW = w[i];
            while (true)
            {
                var previous = y[k];
                sumWy += w[k] * y[k];
                sumW += w[k];
                k = target[k] + 1;
                if (k == n || previous < y[k])
                {
                    y[i] = sumWy / sumW;
                    w[i] = sumW;
                    target[i] = k - 1;
                    target[k - 1] = i;
                    if (i > 0) i = target[i - 1]; // the block before may now violate: look at it again
                    break;
                }
            }
        }

        for (i = 0; i < n;)
        {
            var k = target[i] + 1;
            for (var j = i + 1; j < k; j++) y[j] = y[i];
            i = k;
        }
    }
}
