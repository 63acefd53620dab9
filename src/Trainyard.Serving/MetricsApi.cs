using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;
using static Trainyard.Runtime.Metrics.PrometheusText;

namespace Trainyard.Serving;

/// <summary>GET /metrics in the Prometheus text format (0.0.4), and the middleware that counts every request.</summary>
internal static class MetricsApi
{
    /// <summary>Counts each request by its route pattern (never the raw path, so a scan of random URLs adds one series, "unmatched").</summary>
    public static void UseRequestMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>();
        // Counted once the rest of the pipeline is done. Most requests are done when it returns (handled inline): those
        // are counted here without an async method's state machine around them; the others, and failures, as before.
        app.Use((context, next) =>
        {
            var start = Stopwatch.GetTimestamp();
            Task rest;
            try { rest = next(context); }
            catch (Exception error)
            {
                Count(context, start);
                return Rethrown(error);
            }
            if (!rest.IsCompletedSuccessfully) return CountedAsync(rest, context, start);
            Count(context, start);
            return Task.CompletedTask;
        });

        async Task CountedAsync(Task rest, HttpContext context, long start)
        {
            try { await rest; }
            finally { Count(context, start); }
        }

        void Count(HttpContext context, long start)
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? RouteOfPath(endpoints, context.Request.Path);
            metrics.Request(route, context.Response.StatusCode, start);
        }
    }

    /// <summary>An exception thrown before the rest returned a task, as the async method this was before passed it on: in its task.</summary>
    static async Task Rethrown(Exception error)
    {
        await Task.CompletedTask;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>
    /// The route a request matched no endpoint of, by its path: a wrong method (GET /v1/predict) gets routing's 405
    /// endpoint, which carries no pattern, yet belongs to its route. The server's routes are literal paths, so the
    /// path names one or none. Off the success path.
    /// </summary>
    static string RouteOfPath(EndpointDataSource endpoints, PathString path)
    {
        foreach (var endpoint in endpoints.Endpoints)
            if (endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern } && string.Equals(path.Value, pattern, StringComparison.OrdinalIgnoreCase))
                return pattern;
        return "unmatched";
    }

    public static void MapMetricsApi(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        var drift = app.Services.GetRequiredService<FeatureDrift>();
        var model = app.Services.GetRequiredService<ServedModel>();
        app.MapGet("/metrics", () => Results.Text(Write(metrics, drift, model), ContentType));
    }

    static string Write(ServerMetrics metrics, FeatureDrift drift, ServedModel model)
    {
        var text = new StringBuilder();
        Header(text, "trainyard_model_info", "gauge", "The model served: 1, with its name, version and digest as labels.");
        text.Append($"trainyard_model_info{{name=\"{Escape(model.Name)}\",version=\"{Escape(model.Version)}\",digest=\"{model.Digest}\"}} 1\n");
        Header(text, "trainyard_ready", "gauge", "1 when the model's self-test passed (GET /readyz answers 200).");
        text.Append($"trainyard_ready {(model.SelfTestProblem is null ? 1 : 0)}\n");

        var requests = metrics.Requests.ToList();
        Header(text, "trainyard_http_requests_total", "counter", "HTTP requests by route and status.");
        foreach (var (route, status, count) in requests) text.Append($"trainyard_http_requests_total{{route=\"{Escape(route)}\",status=\"{status}\"}} {count}\n");
        Header(text, "trainyard_http_request_errors_total", "counter", "HTTP requests answered with a 4xx or 5xx status, by route and status.");
        foreach (var (route, status, count) in requests.Where(r => r.Status >= 400))
            text.Append($"trainyard_http_request_errors_total{{route=\"{Escape(route)}\",status=\"{status}\"}} {count}\n");

        Header(text, "trainyard_http_request_duration_seconds", "histogram", "Time from a request's arrival to its answer, by route.");
        foreach (var (route, latency) in metrics.Latencies) WriteHistogram(text, "trainyard_http_request_duration_seconds", $"route=\"{Escape(route)}\",", latency);

        if (metrics.Values is { } values)
        {
            Header(text, "trainyard_predicted_value", "histogram", "Predicted values (regression).");
            WriteHistogram(text, "trainyard_predicted_value", "", values);
        }
        else
        {
            Header(text, "trainyard_predictions_total", "counter", "Predictions by predicted class.");
            for (var k = 0; k < metrics.Classes.Count; k++)
                text.Append($"trainyard_predictions_total{{class=\"{Escape(metrics.Classes[k])}\"}} {Interlocked.Read(ref metrics.PredictedClasses[k])}\n");
        }

        var version = $"version=\"{Escape(model.Version)}\"";
        if (metrics.Scores is { } scores)
        {
            Header(text, "trainyard_prediction_score", "histogram",
                "Each prediction's score (binary: the positive class's probability; multiclass: the top class's; regression: the output), bucketed by the test scores' deciles from the package.");
            WriteHistogram(text, "trainyard_prediction_score", version + ",", scores.Histogram);
        }
        Header(text, "trainyard_caller_predictions_total", "counter",
            $"Predictions by caller (the X-Trainyard-Caller header; none: anonymous; beyond {CallerCounts.Limit} callers: other).");
        foreach (var (caller, count) in metrics.Callers.Snapshot())
            text.Append($"trainyard_caller_predictions_total{{caller=\"{Escape(caller)}\",{version}}} {count}\n");

        var window = drift.Measure().ToList();
        Header(text, "trainyard_feature_drift_psi", "gauge", "Population stability index of each feature over the recent requests' window against the training profile.");
        foreach (var (column, psi, _) in window)
            if (psi is { } value) text.Append($"trainyard_feature_drift_psi{{feature=\"{Escape(column)}\"}} {Number(value)}\n");
        Header(text, "trainyard_feature_drift_not_judged", "gauge",
            $"Features whose drift is not published yet: their window or the training data holds fewer than {FeatureDrift.MinimumSample} values.");
        text.Append($"trainyard_feature_drift_not_judged {window.Count(w => w.Psi is null)}\n");
        Header(text, "trainyard_feature_drift_window_values", "gauge", "Non-missing values in each feature's drift window.");
        foreach (var (column, _, count) in window) text.Append($"trainyard_feature_drift_window_values{{feature=\"{Escape(column)}\"}} {count}\n");
        Header(text, "trainyard_unseen_categories_total", "counter", "Values of a categorical feature that training never saw.");
        foreach (var (column, count) in model.Unseen.Snapshot().OrderBy(u => u.Key, StringComparer.Ordinal))
            text.Append($"trainyard_unseen_categories_total{{feature=\"{Escape(column)}\"}} {count}\n");

        Header(text, "trainyard_prediction_log_lines_total", "counter", "Prediction-log lines written.");
        text.Append($"trainyard_prediction_log_lines_total {Interlocked.Read(ref metrics.LogWritten)}\n");
        Header(text, "trainyard_prediction_log_dropped_total", "counter", "Prediction-log lines dropped because the queue was full or the file could not be written.");
        text.Append($"trainyard_prediction_log_dropped_total {Interlocked.Read(ref metrics.LogDropped)}\n");
        RuntimeMetrics.Write(text);
        return text.ToString();
    }
}
