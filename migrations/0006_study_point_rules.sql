ALTER TABLE "study_settings" ALTER COLUMN "points_enabled" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "study_settings" ADD COLUMN "point_rules" jsonb;