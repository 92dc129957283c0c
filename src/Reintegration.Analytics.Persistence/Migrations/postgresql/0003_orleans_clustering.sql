-- Cluster membership for Orleans' ADO.NET clustering provider (Microsoft.Orleans.Clustering.AdoNet 10.4),
-- so several silos on PostgreSQL form one cluster. Every membership change checks and bumps the
-- table version in the same statement (data-modifying CTEs run atomically); queries that answer
-- "did it work" return one row with one 0/1 column; reads LEFT JOIN from the version row so they
-- always return the table version.

CREATE TABLE orleansmembershipversiontable (
    deploymentid varchar(150)   PRIMARY KEY,
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0
);

CREATE TABLE orleansmembershiptable (
    deploymentid varchar(150)   NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer,
    suspecttimes text,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $sql$
WITH inserted AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM inserted
$sql$),
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
      AND NOT EXISTS (
        SELECT 1 FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING 1),
inserted AS (
    INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM inserted
$sql$),
('UpdateMembershipKey', $sql$
WITH member AS (
    SELECT 1 FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation),
bumped AS (
    UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version AND EXISTS (SELECT 1 FROM member)
    RETURNING 1),
updated AS (
    UPDATE OrleansMembershipTable
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
      AND EXISTS (SELECT 1 FROM bumped)
    RETURNING 1)
SELECT count(*)::int FROM updated
$sql$),
('UpdateIAmAlivetimeKey', $sql$
UPDATE OrleansMembershipTable SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$sql$),
('MembershipReadRowKey', $sql$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
  ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$sql$),
('MembershipReadAllKey', $sql$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$sql$),
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
$sql$),
('GatewaysQueryKey', $sql$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$sql$),
-- Only dead silos are ever removed (status 6), and only after they stopped answering before the cut-off.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = 6
  AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
$sql$);
