-- Every single character and every pair of characters of a name, lower-cased: the GIN index over it lets a
-- substring search on two- or three-character names find its candidates without reading the whole roster.
CREATE FUNCTION zhibu_name_grams(name text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(lower(name), i, 1) AS g FROM generate_series(1, char_length(name)) AS i
    UNION ALL
    SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) AS i
  ) AS grams
$$;--> statement-breakpoint
CREATE TABLE "org_member_counts" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"org_path" text COLLATE "C" NOT NULL,
	"full_members" integer NOT NULL,
	"all_members" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_member_counts" ADD CONSTRAINT "org_member_counts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_member_counts_path_idx" ON "org_member_counts" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "members_name_grams_idx" ON "members" USING gin (zhibu_name_grams("name"));--> statement-breakpoint
-- Active members per org, changed by the same statement that changes members: the net change per org of the
-- rows the statement added and removed. An org move rewrites paths only, nets to zero and writes nothing
-- (org_member_counts.org_path follows the move with every other path column).
CREATE FUNCTION zhibu_count_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_member_counts AS c (org_id, tenant_id, org_path, full_members, all_members)
      SELECT org_id, min(tenant_id), min(org_path), sum(f), sum(a)
      FROM (SELECT org_id, tenant_id, org_path, (status = '正式党员')::int AS f,
                   (status IN ('正式党员', '预备党员'))::int AS a FROM new_rows) AS d
      GROUP BY org_id HAVING sum(f) <> 0 OR sum(a) <> 0 ORDER BY org_id
    ON CONFLICT (org_id) DO UPDATE SET full_members = c.full_members + excluded.full_members,
                                       all_members = c.all_members + excluded.all_members;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_member_counts AS c (org_id, tenant_id, org_path, full_members, all_members)
      SELECT org_id, min(tenant_id), min(org_path), sum(f), sum(a)
      FROM (SELECT org_id, tenant_id, org_path, (status = '正式党员')::int AS f,
                   (status IN ('正式党员', '预备党员'))::int AS a FROM new_rows
            UNION ALL
            SELECT org_id, tenant_id, org_path, -(status = '正式党员')::int,
                   -(status IN ('正式党员', '预备党员'))::int FROM old_rows) AS d
      GROUP BY org_id HAVING sum(f) <> 0 OR sum(a) <> 0 ORDER BY org_id
    ON CONFLICT (org_id) DO UPDATE SET full_members = c.full_members + excluded.full_members,
                                       all_members = c.all_members + excluded.all_members;
  ELSE
    INSERT INTO org_member_counts AS c (org_id, tenant_id, org_path, full_members, all_members)
      SELECT org_id, min(tenant_id), min(org_path), -sum(f), -sum(a)
      FROM (SELECT org_id, tenant_id, org_path, (status = '正式党员')::int AS f,
                   (status IN ('正式党员', '预备党员'))::int AS a FROM old_rows) AS d
      GROUP BY org_id HAVING sum(f) <> 0 OR sum(a) <> 0 ORDER BY org_id
    ON CONFLICT (org_id) DO UPDATE SET full_members = c.full_members + excluded.full_members,
                                       all_members = c.all_members + excluded.all_members;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER members_count_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION zhibu_count_members();--> statement-breakpoint
CREATE TRIGGER members_count_update AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION zhibu_count_members();--> statement-breakpoint
CREATE TRIGGER members_count_delete AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION zhibu_count_members();--> statement-breakpoint
INSERT INTO org_member_counts (org_id, tenant_id, org_path, full_members, all_members)
  SELECT org_id, min(tenant_id), min(org_path), count(*) FILTER (WHERE status = '正式党员'),
         count(*) FILTER (WHERE status IN ('正式党员', '预备党员'))
  FROM members GROUP BY org_id
  HAVING count(*) FILTER (WHERE status IN ('正式党员', '预备党员')) > 0;
