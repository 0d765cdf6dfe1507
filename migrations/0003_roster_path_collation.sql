DROP INDEX "members_path_name_idx";--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "org_path" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
CREATE INDEX "members_path_name_idx" ON "members" USING btree ("org_path","name","id");