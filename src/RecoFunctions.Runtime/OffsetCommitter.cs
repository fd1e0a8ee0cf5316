using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Runtime;

/// <summary>
/// Commits, per partition, what its <see cref="OffsetTracker"/> says is safe: the first unfinished offset, or the one
/// after the last consumed when everything is finished; only positions that moved. A failed commit is logged (rate
/// limited) and simply tried again at the next occasion, since the tracker still holds the position. Poll thread only.
/// </summary>
internal sealed class OffsetCommitter(ILogger logger, RateLimiter rateLimiter)
{
    public void Commit(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionLane> lanes, string why)
    {
        List<(PartitionLane Lane, TopicPartitionOffset Offset)>? commits = null;
        foreach (var lane in lanes)
        {
            if (lane.Offsets.TryGetCommit(out var position))
            {
                (commits ??= []).Add((lane, new TopicPartitionOffset(lane.KafkaPartition, new Offset(position))));
            }
        }

        if (commits is null)
        {
            return;
        }

        try
        {
            consumer.Commit(commits.Select(commit => commit.Offset));
            foreach (var (lane, offset) in commits)
            {
                lane.Offsets.MarkCommitted(offset.Offset.Value);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                RuntimeLog.Committed(logger, string.Join(", ", commits.Select(commit => $"{commit.Lane.Partition}@{commit.Offset.Offset.Value}")), why);
            }
        }
        catch (TopicPartitionOffsetException exception)
        {
            // Some partitions committed, some did not.
            foreach (var result in exception.Results)
            {
                var commit = commits.Find(candidate => candidate.Offset.TopicPartition == result.TopicPartition);
                if (!result.Error.IsError && commit.Lane is not null)
                {
                    commit.Lane.Offsets.MarkCommitted(result.Offset.Value);
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
                RuntimeLog.CommitFailed(logger, string.Join(", ", commits.Select(commit => commit.Lane.Partition.ToString())), exception.Error.Reason);
            }
        }
        catch (KafkaException)
        {
            // Local_NoOffset: nothing new to commit.
        }
    }
}
