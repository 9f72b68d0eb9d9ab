// The API's data routes by area; register_api_routes (api_routes.cpp) adds them all. Internal to the server module.
#pragma once

#include "footfall/server/api_context.h"
#include "footfall/server/router.h"

namespace footfall::api {

// GET /api/v1/stores, GET /api/v1/cameras (api_routes_stores.cpp).
void add_store_routes(Router& router, const ApiContext& context);
// GET /api/v1/stores/{store}/series, GET /api/v1/cameras/{camera}/series (api_routes_series.cpp).
void add_series_routes(Router& router, const ApiContext& context);
// GET /api/v1/stores/{store}/report, /today, /staffing, /forecast (api_routes_analytics.cpp).
void add_analytics_routes(Router& router, const ApiContext& context);
// GET /api/v1/cameras/{camera}/heatmap.png, /background.png (api_routes_images.cpp).
void add_image_routes(Router& router, const ApiContext& context);
// POST /api/v1/stores/{store}/sales, /roster, POST /api/v1/cameras/{camera}/snapshot (api_routes_uploads.cpp).
void add_upload_routes(Router& router, const ApiContext& context);

}  // namespace footfall::api
