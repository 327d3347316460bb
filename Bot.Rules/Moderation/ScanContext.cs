namespace Bot.Rules.Moderation;

/// <summary>A span of the original text, end exclusive.</summary>
internal readonly record struct TextSpan(int Start, int End);

/// <summary>One piece of a wildcard entry found in the text.</summary>
internal readonly record struct PieceHit(int Wildcard, int Piece, int Start, int End);

/// <summary>What one scan of one message has found so far, in buffers on the caller's stack.</summary>
internal ref struct ScanContext(ReadOnlySpan<char> text, Span<WordHit> hits, Span<TextSpan> allowed, Span<PieceHit> pieces)
{
    private readonly ReadOnlySpan<char> _text = text;
    private readonly Span<WordHit> _hits = hits;
    private readonly Span<TextSpan> _allowed = allowed;
    private readonly Span<PieceHit> _pieces = pieces;
    private int _allowedCount;
    private int _pieceCount;

    public int Count { get; private set; }
    public readonly ReadOnlySpan<char> Text => _text;
    public readonly ReadOnlySpan<WordHit> Hits => _hits[..Count];
    public readonly ReadOnlySpan<PieceHit> Pieces => _pieces[.._pieceCount];

    public void AddHit(WordHit hit)
    {
        if (Count < _hits.Length)
            _hits[Count++] = hit;
    }

    public void AddAllowed(TextSpan span)
    {
        if (_allowedCount < _allowed.Length)
            _allowed[_allowedCount++] = span;
    }

    public void AddPiece(PieceHit piece)
    {
        if (_pieceCount < _pieces.Length)
            _pieces[_pieceCount++] = piece;
    }

    /// <summary>
    /// A word that begins or ends with a Latin letter must not be glued to another letter: 「sb」 is abuse, 「usb」 is not.
    /// </summary>
    public readonly bool StandsAlone(int start, int end, bool left, bool right) =>
        !(left && start > 0 && char.IsAsciiLetter(TextNormalizer.Fold(_text[start - 1])))
        && !(right && end < _text.Length && char.IsAsciiLetter(TextNormalizer.Fold(_text[end])));

    /// <summary>Drops every hit that lies inside an allow-list word: 「路口交通」 holds no 「口交」.</summary>
    public void RemoveAllowed()
    {
        if (_allowedCount == 0)
            return;
        var kept = 0;
        for (var h = 0; h < Count; h++)
        {
            var hit = _hits[h];
            if (!InsideAllowed(hit.Start, hit.End))
                _hits[kept++] = hit;
        }
        Count = kept;
    }

    private readonly bool InsideAllowed(int start, int end)
    {
        foreach (var span in _allowed[.._allowedCount])
        {
            if (span.Start <= start && end <= span.End)
                return true;
        }
        return false;
    }
}
