-- Grain state for Orleans' ADO.NET storage provider (Microsoft.Orleans.Persistence.AdoNet 10.4,
-- invariant "System.Data.SQLite"), and the table from which it reads its statements by key.
-- See the PostgreSQL script for the contract. SQLite runs each statement of a query on its own
-- (no BEGIN/COMMIT may appear in a query), so each result is read with changes() right after
-- the statement it describes, and every query returns exactly one row.

CREATE TABLE OrleansQuery (
    QueryKey  TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE OrleansStorage (
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB,
    ModifiedOn             TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    Version                INTEGER
);
-- One row per grain identity (a racing second insert fails instead of creating a duplicate).
CREATE UNIQUE INDEX OrleansStorage_Identity ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, COALESCE(GrainIdExtensionString, ''), ServiceId);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND ServiceId = @ServiceId
LIMIT 1;'),
('WriteToStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = @PayloadBinary, ModifiedOn = strftime(''%Y-%m-%d %H:%M:%f'', ''now''), Version = Version + 1
WHERE @GrainStateVersion IS NOT NULL
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion;
SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion
WHERE @GrainStateVersion IS NOT NULL;
INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND ServiceId = @ServiceId);
SELECT CASE WHEN changes() > 0 THEN 1 ELSE NULL END AS NewGrainStateVersion
WHERE @GrainStateVersion IS NULL;'),
('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%d %H:%M:%f'', ''now''), Version = Version + 1
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion;
SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion;');
