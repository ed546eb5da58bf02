"""Reading plans: the genre's vocabulary, its forms, and scoring a reading against gold."""
