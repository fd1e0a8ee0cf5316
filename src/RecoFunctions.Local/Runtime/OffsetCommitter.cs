using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Local.Runtime;

/// <summary>
/// Commits, per partition, what its <see cref="OffsetTracker"/> says is safe: the first unfinished offset, or the one
/// after the last consumed when everything is finished; only positions that moved. A failed commit is logged (rate
/// limited) and simply tried again at the next occasion, since the tracker still holds the position. Poll thread only.
/// </summary>
internal sealed class OffsetCommitter(ILogger logger, RateLimiter rateLimiter)
{
    public void Commit(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionWorker> workers, string why)
    {
        List<(PartitionWorker Worker, TopicPartitionOffset Offset)>? commits = null;
        foreach (var worker in workers)
        {
            if (worker.Offsets.TryGetCommit(out var position))
            {
                (commits ??= []).Add((worker, new TopicPartitionOffset(worker.KafkaPartition, new Offset(position))));
            }
        }

        if (commits is null)
        {
            return;
        }

        try
        {
            consumer.Commit(commits.Select(commit => commit.Offset));
            foreach (var (worker, offset) in commits)
            {
                worker.Offsets.MarkCommitted(offset.Offset.Value);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                RuntimeLog.Committed(logger, string.Join(", ", commits.Select(commit => $"{commit.Worker.Partition}@{commit.Offset.Offset.Value}")), why);
            }
        }
        catch (TopicPartitionOffsetException exception)
        {
            // Some partitions committed, some did not.
            foreach (var result in exception.Results)
            {
                var commit = commits.Find(candidate => candidate.Offset.TopicPartition == result.TopicPartition);
                if (!result.Error.IsError && commit.Worker is not null)
                {
                    commit.Worker.Offsets.MarkCommitted(result.Offset.Value);
                }
                else if (result.Error.IsError && rateLimiter.ShouldLog("commit:" + result.Error.Code, out _))
                {
                    RuntimeLog.CommitFailed(logger, $"{result.Topic}[{result.Partition.Value}]", result.Error.Reason);
                }
            }
        }
        catch (KafkaException exception) when (exception.Error.Code != ErrorCode.Local_NoOffset)
        {
            if (rateLimiter.ShouldLog("commit:" + exception.Error.Code, out _))
            {
                RuntimeLog.CommitFailed(logger, string.Join(", ", commits.Select(commit => commit.Worker.Partition.ToString())), exception.Error.Reason);
            }
        }
        catch (KafkaException)
        {
            // Local_NoOffset: nothing new to commit.
        }
    }
}
