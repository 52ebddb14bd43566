"""The "Presse" control panel: media outlets and assemblies as editable rows."""
