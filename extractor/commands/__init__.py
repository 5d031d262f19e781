"""Sub-commands beyond ``extract`` live here, one module each, each exposing ``command``."""
