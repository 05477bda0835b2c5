using Microsoft.AspNetCore.Http.HttpResults;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;

namespace Scrm.App.Api;

/// <summary>A batch of GPS pings from a technician's phone or a fleet tracker.</summary>
public sealed record PositionBatch(IReadOnlyList<PositionPing>? Pings);

/// <summary>/api/v1/technicians: positions in. Handlers translate HTTP; the services decide.</summary>
internal static class TechnicianEndpoints
{
    public static RouteGroupBuilder MapTechnicianEndpoints(this RouteGroupBuilder api)
    {
        var technicians = api.MapGroup("/technicians").WithTags("Technicians");
        technicians.MapPost("/{id:long}/positions", PostPositionsAsync).WithName("PostPositions")
            .WithSummary("Keeps the good pings of a batch and says why each bad one was not kept; 422 when none was good.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces<PingReceipt>(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<PingReceipt>, UnprocessableEntity<PingReceipt>>> PostPositionsAsync(long id, PositionBatch batch,
        HttpContext http, PositionIngestion ingestion, CancellationToken ct)
    {
        var receipt = await ingestion.IngestAsync(AccessScope.From(http.User), id, batch.Pings ?? [], ct);
        return receipt.Accepted > 0 ? TypedResults.Ok(receipt) : TypedResults.UnprocessableEntity(receipt);
    }
}
