using Kwaf.Gateway.Pipeline;

namespace Kwaf.Gateway.Tests.Pipeline;

public sealed class EventBudgetTests
{
    [Fact]
    public void TryTake_MoreThanFree_GrantsOnlyTheFreeRoom()
    {
        var budget = new EventBudget(1_000);

        var first = budget.TryTake(700);
        var second = budget.TryTake(700);
        var third = budget.TryTake(1);

        Assert.Equal((700, 300, 0), (first, second, third));
        Assert.Equal(1_000, budget.Held);
    }

    [Fact]
    public async Task WaitForRoomAsync_Full_CompletesWhenRoomIsReturned()
    {
        var budget = new EventBudget(10);
        budget.TryTake(10);

        var waiting = budget.WaitForRoomAsync(CancellationToken.None);
        var beforeReturn = waiting.IsCompleted;
        budget.Return(4);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(beforeReturn);
        Assert.Equal(4, budget.TryTake(100));
    }

    [Fact]
    public void WaitForRoomAsync_RoomFree_CompletesAtOnce()
    {
        var budget = new EventBudget(10);
        budget.TryTake(9);

        Assert.True(budget.WaitForRoomAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task TryTake_ManyConcurrentTakers_NeverGrantsMoreThanCapacity()
    {
        var budget = new EventBudget(5_000);

        var grants = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
        {
            var granted = 0;
            for (var i = 0; i < 200; i++)
            {
                granted += budget.TryTake(3);
            }

            return granted;
        })));

        Assert.Equal(5_000, grants.Sum());
        Assert.Equal(5_000, budget.Held);
    }
}
