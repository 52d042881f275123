"""The court profiles: data, one YAML file a court, shipped in the package as ``redactor.courts``."""
