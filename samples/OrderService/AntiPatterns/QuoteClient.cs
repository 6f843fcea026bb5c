using Confluent.Kafka;

namespace OrderService.AntiPatterns;

/// <summary>
/// MSG1002: Kafka used for request/response. Every quote pays the producer linger, the broker round
/// trips and the reply consumer's poll; a rebalance stalls all callers.
/// </summary>
public sealed class QuoteClient(IProducer<string, string> producer, IConsumer<string, string> replies)
{
    public async Task<string?> GetQuoteAsync(QuoteRequest request, CancellationToken ct)
    {
        var correlationId = Guid.NewGuid().ToString();
        await producer.ProduceAsync(Topics.QuoteRequests, new Message<string, string> { Key = correlationId, Value = request.Sku }, ct);
        while (!ct.IsCancellationRequested)
        {
            var reply = replies.Consume(TimeSpan.FromSeconds(5));
            if (reply?.Message.Key == correlationId)
            {
                return reply.Message.Value;
            }
        }

        return null;
    }
}
