namespace Reintegration.Analytics.Domain.Instruments;

/// <summary>One scored question of an instrument: its dimension, answer scale and weight within the dimension.</summary>
public sealed record InstrumentItem(string Id, string Dimension, AnswerScale Scale, decimal Weight, string Question);
