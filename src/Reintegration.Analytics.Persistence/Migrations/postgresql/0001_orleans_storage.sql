-- Grain state for Orleans' ADO.NET storage provider (Microsoft.Orleans.Persistence.AdoNet 10.4),
-- and the table from which the provider reads its statements by key.
-- Contract: the provider binds @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString
-- (the state name), @GrainIdExtensionString (the whole key for string keys), @ServiceId, plus
-- @GrainStateVersion (write, clear) and @PayloadBinary (write). Versions are the ETag: 1 on first
-- write, +1 on every write or clear; a stale version changes nothing and returns the old version.

CREATE TABLE orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

CREATE TABLE orleansstorage (
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512),
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer
);
-- One row per grain identity (a racing second insert fails instead of creating a duplicate).
CREATE UNIQUE INDEX orleansstorage_identity ON orleansstorage
    (grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, COALESCE(grainidextensionstring, ''), serviceid);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $sql$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId
LIMIT 1
$sql$),
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version),
inserted AS (
    INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM OrleansStorage
        WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
          AND GrainTypeString = @GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
          AND ServiceId = @ServiceId)
    RETURNING Version)
SELECT COALESCE((SELECT Version FROM updated), (SELECT Version FROM inserted), @GrainStateVersion) AS NewGrainStateVersion
$sql$),
('ClearStorageKey', $sql$
WITH cleared AS (
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version)
SELECT COALESCE((SELECT Version FROM cleared), @GrainStateVersion) AS NewGrainStateVersion
$sql$);
