ALTER TABLE "study_settings" ALTER COLUMN "points_enabled" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "study_materials" ADD COLUMN "file_sha256" text;--> statement-breakpoint
ALTER TABLE "study_materials" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "study_materials" ADD COLUMN "file_mime" text;--> statement-breakpoint
ALTER TABLE "study_materials" ADD COLUMN "file_size" integer;--> statement-breakpoint
ALTER TABLE "study_settings" ADD COLUMN "point_rules" jsonb;