The demo content is filed under themes, so that the demo press section shows its theme filter and the pages their themes. @imio
