"""The Runware protocol for Seedream 4.0: request types, sizes, errors and the HTTP client (no Qt)."""

MODEL_ID = "bytedance:5@0"
MODEL_NAME = "Seedream 4.0"
DEFAULT_API_URL = "https://api.runware.ai/v1"
# Runware's list price per Seedream 4.0 image; the real figure comes back in each result's `cost`.
PRICE_PER_IMAGE_USD = 0.03
