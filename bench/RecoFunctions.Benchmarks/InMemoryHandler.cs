using System.Net;

namespace RecoFunctions.Benchmarks;

/// <summary>A downstream service that answers 200 at once with one shared response, so only the caller's cost is measured.</summary>
internal sealed class InMemoryHandler : HttpMessageHandler
{
    private readonly HttpResponseMessage _response = new(HttpStatusCode.OK);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(_response);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _response.Dispose();
        }

        base.Dispose(disposing);
    }
}
