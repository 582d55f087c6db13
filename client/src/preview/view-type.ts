// The preview's webview type: the serializer is registered for it at activation, the panel is created with it.
export const VIEW_TYPE = "gongwen.preview";
