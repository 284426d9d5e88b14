DROP INDEX "environment"."contaminated_sites_district_code_idx";--> statement-breakpoint
DROP INDEX "environment"."enterprises_district_code_idx";--> statement-breakpoint
DROP INDEX "environment"."monitoring_points_district_code_idx";--> statement-breakpoint
DROP INDEX "environment"."soil_samples_district_code_idx";--> statement-breakpoint
DROP INDEX "environment"."soil_samples_parcel_id_idx";--> statement-breakpoint
DROP INDEX "environment"."soil_samples_point_id_idx";--> statement-breakpoint
CREATE INDEX "contaminated_sites_district_code_id_idx" ON "environment"."contaminated_sites" USING btree ("district_code","id");--> statement-breakpoint
CREATE INDEX "enterprises_district_code_credit_code_idx" ON "environment"."enterprises" USING btree ("district_code","credit_code");--> statement-breakpoint
CREATE INDEX "monitoring_points_district_code_id_idx" ON "environment"."monitoring_points" USING btree ("district_code","id");--> statement-breakpoint
CREATE INDEX "monitoring_points_level_idx" ON "environment"."monitoring_points" USING btree ("level");--> statement-breakpoint
CREATE INDEX "monitoring_points_purpose_idx" ON "environment"."monitoring_points" USING btree ("purpose");--> statement-breakpoint
CREATE INDEX "soil_samples_district_sampled_idx" ON "environment"."soil_samples" USING btree ("district_code","sampled_on","id");--> statement-breakpoint
CREATE INDEX "soil_samples_parcel_sampled_idx" ON "environment"."soil_samples" USING btree ("parcel_id","sampled_on","id");--> statement-breakpoint
CREATE INDEX "soil_samples_point_sampled_idx" ON "environment"."soil_samples" USING btree ("point_id","sampled_on","id");--> statement-breakpoint
CREATE INDEX "soil_samples_lon_lat_idx" ON "environment"."soil_samples" USING btree ((("location" -> 'coordinates' ->> 0)::double precision),(("location" -> 'coordinates' ->> 1)::double precision));--> statement-breakpoint
CREATE INDEX "audit_log_operation_idx" ON "environment"."audit_log" USING btree ("operation");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "environment"."audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "audit_log_recorded_at_idx" ON "environment"."audit_log" USING btree ("recorded_at");