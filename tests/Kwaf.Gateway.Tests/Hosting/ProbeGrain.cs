namespace Kwaf.Gateway.Tests.Hosting;

public sealed class ProbeGrain(
    [PersistentState("probe", "subjects")] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);
}
