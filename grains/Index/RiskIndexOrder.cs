using Kwaf.Index;

namespace Kwaf.Grains.Index;

/// <summary>Page order of the risk index: score descending, then kind, then id (ordinal).</summary>
internal sealed class RiskIndexOrder : IComparer<RiskIndexEntry>
{
    public static readonly RiskIndexOrder Instance = new();

    private RiskIndexOrder()
    {
    }

    public int Compare(RiskIndexEntry? x, RiskIndexEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byKind = string.CompareOrdinal(x.Kind, y.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(x.Id, y.Id);
    }
}
