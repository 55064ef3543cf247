"""Request and response models of the v1 API, one module per resource."""
